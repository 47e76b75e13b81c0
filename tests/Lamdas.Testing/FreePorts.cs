using System.Net;
using System.Net.Sockets;

namespace Lamdas.Testing;

/// <summary>Loopback ports that were free a moment ago (the OS picks them), for servers a test starts.</summary>
internal static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
