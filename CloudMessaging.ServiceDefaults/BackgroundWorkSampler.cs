using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The root sampler: drops a root activity tagged as background work (see CloudMessaging.Shared's
/// <c>BackgroundActivity</c>) and keeps every other. Used under <see cref="ParentBasedSampler"/>, so children follow
/// their root: a dropped pass takes its peeks and listings with it, while a request's trace is kept whole, down to the
/// worker that processes its message.
/// </summary>
internal sealed class BackgroundWorkSampler : Sampler
{
    private static readonly SamplingResult Keep = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        if (samplingParameters.Tags is { } tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == Telemetry.BackgroundTag)
                {
                    return Drop;
                }
            }
        }

        return Keep;
    }
}
