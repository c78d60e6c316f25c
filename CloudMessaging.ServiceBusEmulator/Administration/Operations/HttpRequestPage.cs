using System.Globalization;
using CloudMessaging.ServiceBusEmulator.Administration.Http;

namespace CloudMessaging.ServiceBusEmulator.Administration.Operations;

/// <summary>The <c>$skip</c> and <c>$top</c> of a list request (the SDK pages by 100).</summary>
internal readonly record struct HttpRequestPage(int Skip, int Top)
{
    public static HttpRequestPage Of(AdminHttpRequest request) => new(Read(request, "$skip", 0), Read(request, "$top", 100));

    private static int Read(AdminHttpRequest request, string name, int defaultValue) =>
        request.QueryValue(name) is { } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
                ? value
                : throw AdministrationException.BadRequest($"{name}='{text}' is not a non-negative number.")
            : defaultValue;
}
