namespace CloudMessaging.Screenshots;

/// <summary>Where Chromium is and where the pictures go (default docs/images in the repository the tool runs from).</summary>
public sealed record CaptureOptions(string RepositoryRoot, string ChromiumPath, string OutputDirectory)
{
    public static CaptureOptions Parse(string[] args)
    {
        var root = FindRepositoryRoot(Directory.GetCurrentDirectory());
        string Value(string name, string fallback) =>
            Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        return new CaptureOptions(root, Value("--chromium", "/usr/bin/chromium"), Path.GetFullPath(Value("--out", Path.Combine(root, "docs", "images"))));
    }

    private static string FindRepositoryRoot(string from)
    {
        for (var directory = new DirectoryInfo(from); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CloudMessaging.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Run from inside the repository: no CloudMessaging.sln above {from}.");
    }
}
