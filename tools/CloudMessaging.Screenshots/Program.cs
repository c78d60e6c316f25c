using CloudMessaging.Screenshots;

// Re-creates docs/images/dashboard-*.png: starts the AppHost with the dashboard open to anonymous browsers (local only),
// sends one request per pattern, and photographs a job's trace, the pattern meters and the job's log lines with a
// headless Chromium. Needs a Chromium (Debian: apt-get install -y chromium).
//   dotnet run --project tools/CloudMessaging.Screenshots [-- --chromium /usr/bin/chromium --out docs/images]
var options = CaptureOptions.Parse(args);
await using var appHost = await AppHostProcess.StartAsync(options.RepositoryRoot);
var story = await SampleTraffic.SendAsync(AppHostProcess.ApiUrl);
await DashboardCapture.CaptureAsync(options, AppHostProcess.DashboardUrl, story);
Console.WriteLine($"Screenshots written to {options.OutputDirectory}");
return 0;
