using CloudMessaging.Web.Api;
using CloudMessaging.Web.Components;
using CloudMessaging.Web.Components.Pages.ClaimCheck;
using CloudMessaging.Web.Components.Pages.Namespace;
using CloudMessaging.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

// The AppHost runs the build output in any environment, not only Development: serve the static web assets (app.css,
// blazor.web.js) from their build-time locations then too. A published app has no such manifest; this is a no-op there.
builder.WebHost.UseStaticWebAssets();

builder.AddServiceDefaults();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.AddCloudMessagingApiClient();
builder.Services.AddSingleton<NamespaceReader>();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseContentSecurityPolicy();
app.UseAntiforgery();

app.MapDefaultEndpoints();
app.MapStaticAssets();
app.MapDocumentUploads();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>Named so that test hosts can refer to the web assembly.</summary>
public partial class Program;
