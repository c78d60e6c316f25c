using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace CloudMessaging.ServiceBusEmulator.Tests.Filters;

/// <summary>
/// The rule codecs of the shipped Azure.Messaging.ServiceBus, reached by reflection in their own load context:
/// the SDK registers its rule descriptors in Microsoft.Azure.Amqp's process-wide known-type table, which would
/// otherwise change how the emulator's own tests decode the same descriptors.
/// </summary>
internal sealed class SdkRuleCodecHarness : IDisposable
{
    private static readonly string[] IsolatedAssemblies = ["Microsoft.Azure.Amqp", "Azure.Messaging.ServiceBus"];

    private readonly IsolatedContext _context = new();
    private readonly Assembly _amqp;
    private readonly Assembly _serviceBus;

    public SdkRuleCodecHarness()
    {
        _amqp = _context.LoadFromAssemblyName(new AssemblyName("Microsoft.Azure.Amqp"));
        _serviceBus = _context.LoadFromAssemblyName(new AssemblyName("Azure.Messaging.ServiceBus"));
        RuntimeHelpers.RunClassConstructor(SdkType("Azure.Messaging.ServiceBus.Amqp.AmqpRuleManager").TypeHandle);
    }

    /// <summary>What the SDK's GetRulesAsync makes of one encoded <c>rule-description</c>: a RuleProperties.</summary>
    public object DecodeRuleProperties(byte[] encodedRuleDescription)
    {
        var codec = Decode(encodedRuleDescription);
        var method = RuleManagerMethod("GetRuleDescription");

        // An instance method in 7.21.0 that reads nothing from its instance: no connection is needed.
        var target = method.IsStatic ? null : RuntimeHelpers.GetUninitializedObject(method.DeclaringType!);
        return method.Invoke(target, [codec])!;
    }

    /// <summary>The encoded <c>rule-description</c> map the SDK's CreateRuleAsync sends for a filter and action.</summary>
    public byte[] EncodeRuleDescriptionMap(string name, object filter, object? action)
    {
        var ruleProperties = SdkType("Azure.Messaging.ServiceBus.Administration.RuleProperties")
            .GetConstructors(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            .Single(ctor => ctor.GetParameters() is [{ ParameterType.Name: "String" }, { ParameterType.Name: "RuleFilter" }])
            .Invoke([name, filter]);
        ruleProperties.GetType().GetProperty("Action")!.SetValue(ruleProperties, action);
        var map = RuleManagerMethod("GetRuleDescriptionMap").Invoke(null, [ruleProperties])!;
        return Encode(map);
    }

    public object New(string administrationTypeName, params object?[] arguments) =>
        Activator.CreateInstance(SdkType("Azure.Messaging.ServiceBus.Administration." + administrationTypeName), arguments)!;

    public static object? Get(object target, string property) => target.GetType().GetProperty(property)!.GetValue(target);

    public void Dispose() => _context.Unload();

    private MethodInfo RuleManagerMethod(string name) =>
        SdkType("Azure.Messaging.ServiceBus.Amqp.AmqpRuleManager").GetMethod(name, BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
        ?? throw new MissingMethodException("AmqpRuleManager", name);

    private Type SdkType(string name) => _serviceBus.GetType(name, throwOnError: true)!;

    private object Decode(byte[] bytes)
    {
        var buffer = Activator.CreateInstance(AmqpType("Microsoft.Azure.Amqp.ByteBuffer"), bytes, 0, bytes.Length)!;
        return AmqpType("Microsoft.Azure.Amqp.AmqpCodec").GetMethod("DecodeObject", [buffer.GetType()])!.Invoke(null, [buffer])!;
    }

    private byte[] Encode(object value)
    {
        var bufferType = AmqpType("Microsoft.Azure.Amqp.ByteBuffer");
        var buffer = Activator.CreateInstance(bufferType, 1024, true)!;
        AmqpType("Microsoft.Azure.Amqp.AmqpCodec").GetMethod("EncodeObject", [typeof(object), bufferType])!.Invoke(null, [value, buffer]);
        var array = (byte[])bufferType.GetProperty("Buffer")!.GetValue(buffer)!;
        var offset = (int)bufferType.GetProperty("Offset")!.GetValue(buffer)!;
        var length = (int)bufferType.GetProperty("Length")!.GetValue(buffer)!;
        return array.AsSpan(offset, length).ToArray();
    }

    private Type AmqpType(string name) => _amqp.GetType(name, throwOnError: true)!;

    private sealed class IsolatedContext() : AssemblyLoadContext(nameof(SdkRuleCodecHarness), isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName assemblyName) =>
            Array.IndexOf(IsolatedAssemblies, assemblyName.Name) >= 0
                ? LoadFromAssemblyPath(Path.Combine(AppContext.BaseDirectory, assemblyName.Name + ".dll"))
                : null;
    }
}
