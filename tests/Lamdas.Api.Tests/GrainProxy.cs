using System.Reflection;

namespace Lamdas.Api.Tests;

/// <summary>An interface implemented by a function of the method called and its arguments.</summary>
public class GrainProxy : DispatchProxy
{
    private Func<MethodInfo, object?[]?, object?> _handler = (m, _) => throw new NotSupportedException(m.Name);

    public static T Create<T>(Func<MethodInfo, object?[]?, object?> handler)
        where T : class
    {
        var proxy = Create<T, GrainProxy>();
        ((GrainProxy)(object)proxy)._handler = handler;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        _handler(targetMethod ?? throw new ArgumentNullException(nameof(targetMethod)), args);
}
