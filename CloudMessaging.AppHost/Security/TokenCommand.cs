namespace CloudMessaging.AppHost.Security;

/// <summary>
/// <c>dotnet run --project CloudMessaging.AppHost -- token [--role user|operator]... [--name alice] [--hours 8]</c>:
/// prints a token the local API accepts when it runs with <c>--Security:RequireAuthentication true</c>.
/// </summary>
internal static class TokenCommand
{
    public const string Name = "token";

    public static int Run(string[] args)
    {
        var roles = new List<string>();
        var subject = Environment.UserName;
        var hours = 8.0;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--role" when value is not null:
                    roles.Add(value);
                    i++;
                    break;
                case "--name" when value is not null:
                    subject = value;
                    i++;
                    break;
                case "--hours" when double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var given) && given > 0:
                    hours = given;
                    i++;
                    break;
                default:
                    Console.Error.WriteLine("usage: token [--role user|operator]... [--name <subject>] [--hours <n>]");
                    return 2;
            }
        }

        var key = Convert.FromBase64String(DevelopmentSigningKey.LoadOrCreate());
        Console.WriteLine(DevelopmentTokens.Mint(key, subject, roles.Count == 0 ? ["user"] : roles, TimeSpan.FromHours(hours)));
        return 0;
    }
}
