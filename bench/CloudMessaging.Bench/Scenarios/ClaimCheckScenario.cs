using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CloudMessaging.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudMessaging.Bench.Scenarios;

/// <summary>
/// One large document through the whole claim-check path of the running AppHost (one worker replica): HTTP into
/// the API, streamed into Azurite while hashed, a reference through the Service Bus emulator, streamed back and
/// verified and analysed by the worker. Beside it, the same bytes uploaded to and downloaded from the same Azurite
/// with the SDK alone (4 MiB blocks, 4 in flight, as the claim-check store), to show what the pattern costs. Peak
/// memory is each process's peak resident set (VmHWM) over its life.
/// </summary>
internal static class ClaimCheckScenario
{
    private const double MB = 1024 * 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task RunAsync(BenchArguments arguments)
    {
        long megabytes = arguments.Megabytes;
        var length = megabytes * 1024L * 1024L;
        Console.WriteLine($"claimcheck: {megabytes:N0} MiB through API -> blob -> worker, beside raw Azurite upload and download, {arguments.Repeat} run(s)");

        await using var app = await BenchAppHost.StartAsync(replicas: 1);
        var blobs = new BlobServiceClient(await app.GetConnectionStringAsync("blobs"));
        using var api = app.CreateHttpClient("api", "http");
        api.Timeout = TimeSpan.FromMinutes(30);
        var apiPid = await PidOfAsync(app, "api");
        var workerPid = await PidOfAsync(app, "workers");

        var raw = blobs.GetBlobContainerClient("bench-raw");
        await raw.CreateIfNotExistsAsync();

        // Warm-up: JIT and connections on every path, with a small document.
        await RawUploadAsync(raw, 8L * 1024 * 1024);
        await RawDownloadAsync(raw);
        await ThroughPipelineAsync(api, 8L * 1024 * 1024);

        var rows = new List<(double RawUp, double RawDown, double Upload, double Worker, double EndToEnd)>();
        for (var run = 1; run <= arguments.Repeat; run++)
        {
            var rawUp = await RawUploadAsync(raw, length);
            var rawDown = await RawDownloadAsync(raw);
            await raw.GetBlobClient("payload").DeleteIfExistsAsync();
            var (upload, worker) = await ThroughPipelineAsync(api, length);

            var rawUpRate = megabytes / rawUp.TotalSeconds;
            var rawDownRate = megabytes / rawDown.TotalSeconds;
            var rawBothRate = megabytes / (rawUp + rawDown).TotalSeconds;
            var uploadRate = megabytes / upload.TotalSeconds;
            var workerRate = megabytes / worker.TotalSeconds;
            var endToEndRate = megabytes / (upload + worker).TotalSeconds;
            rows.Add((rawUpRate, rawDownRate, uploadRate, workerRate, endToEndRate));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  run {run}:"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    raw Azurite upload      {rawUpRate,8:N1} MB/s  ({rawUp.TotalSeconds:N2} s)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    raw Azurite download    {rawDownRate,8:N1} MB/s  ({rawDown.TotalSeconds:N2} s)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    raw upload + download   {rawBothRate,8:N1} MB/s  ({(rawUp + rawDown).TotalSeconds:N2} s)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    API upload (to 202)     {uploadRate,8:N1} MB/s  ({upload.TotalSeconds:N2} s)  {uploadRate / rawUpRate:P0} of raw upload"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    worker (202 to result)  {workerRate,8:N1} MB/s  ({worker.TotalSeconds:N2} s)  {workerRate / rawDownRate:P0} of raw download"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    end to end              {endToEndRate,8:N1} MB/s  ({(upload + worker).TotalSeconds:N2} s)  {endToEndRate / rawBothRate:P0} of raw upload + download"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak memory (VmHWM): api {ProcessMemory.PeakResidentBytes(apiPid) / MB:N0} MB, worker {ProcessMemory.PeakResidentBytes(workerPid) / MB:N0} MB"));
        await raw.DeleteIfExistsAsync();
    }

    private static async Task<int> PidOfAsync(DistributedApplication app, string resource)
    {
        var healthy = await app.ResourceNotifications.WaitForResourceHealthyAsync(resource);
        var pid = healthy.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value;
        return Convert.ToInt32(pid, CultureInfo.InvariantCulture);
    }

    private static async Task<TimeSpan> RawUploadAsync(BlobContainerClient container, long length)
    {
        var stopwatch = Stopwatch.StartNew();
        await container.GetBlobClient("payload").UploadAsync(new GeneratedPayloadStream(length), new BlobUploadOptions
        {
            TransferOptions = new StorageTransferOptions { MaximumTransferSize = 4 * 1024 * 1024, InitialTransferSize = 4 * 1024 * 1024, MaximumConcurrency = 4 },
        });
        return stopwatch.Elapsed;
    }

    private static async Task<TimeSpan> RawDownloadAsync(BlobContainerClient container)
    {
        var stopwatch = Stopwatch.StartNew();
        var download = await container.GetBlobClient("payload").DownloadStreamingAsync();
        await using (download.Value.Content)
        {
            await download.Value.Content.CopyToAsync(Stream.Null, 1024 * 1024);
        }

        return stopwatch.Elapsed;
    }

    /// <summary>Time to the API's 202, then from the 202 until the status shows the worker's result.</summary>
    private static async Task<(TimeSpan Upload, TimeSpan Worker)> ThroughPipelineAsync(HttpClient api, long length)
    {
        var stopwatch = Stopwatch.StartNew();
        using var content = new StreamContent(new GeneratedPayloadStream(length), 1024 * 1024);
        content.Headers.ContentType = new("application/octet-stream");
        content.Headers.ContentLength = length;
        using var response = await api.PostAsync("/api/documents?fileName=bench.bin", content);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"Upload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var upload = stopwatch.Elapsed;
        var status = await response.Content.ReadFromJsonAsync<Status>(Json);
        while (true)
        {
            status = await api.GetFromJsonAsync<Status>($"/api/documents/{status!.Id}", Json);
            if (status!.State == "Succeeded")
            {
                break;
            }

            if (status.State == "Failed")
            {
                throw new InvalidOperationException($"The document failed: {status.FailureReason}");
            }

            await Task.Delay(50);
        }

        return (upload, stopwatch.Elapsed - upload);
    }

    private sealed record Status(string Id, string State, string? FailureReason);
}
