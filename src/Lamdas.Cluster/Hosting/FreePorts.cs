using System.Net;
using System.Net.Sockets;

namespace Lamdas.Cluster.Hosting;

/// <summary>Free loopback TCP ports for an in-process silo.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
