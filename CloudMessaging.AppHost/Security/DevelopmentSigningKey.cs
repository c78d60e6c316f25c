namespace CloudMessaging.AppHost.Security;

/// <summary>
/// The machine's stable development signing key, made on first use in the user's profile (never in the repository),
/// so tokens minted with <c>token</c> stay valid across AppHost runs.
/// </summary>
internal static class DevelopmentSigningKey
{
    private static string KeyFile => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.Create),
        "CloudMessaging",
        "dev-signing-key");

    public static string LoadOrCreate()
    {
        if (File.Exists(KeyFile))
        {
            return File.ReadAllText(KeyFile).Trim();
        }

        Directory.CreateDirectory(Path.GetDirectoryName(KeyFile)!);
        var key = DevelopmentTokens.NewSigningKey();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(KeyFile, options);
            writer.Write(key);
            return key;
        }
        catch (IOException) when (File.Exists(KeyFile))
        {
            // Another process made it first; use theirs.
            return File.ReadAllText(KeyFile).Trim();
        }
    }
}
