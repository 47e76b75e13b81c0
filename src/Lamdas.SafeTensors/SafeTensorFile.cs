using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using Microsoft.Win32.SafeHandles;

namespace Lamdas.SafeTensors;

/// <summary>
/// A read-only, memory-mapped safetensors file. Tensor bytes stay in the mapping and are
/// converted straight into caller-provided buffers. Reads are thread-safe; the instance must
/// not be used after <see cref="Dispose"/>.
/// </summary>
public sealed unsafe class SafeTensorFile : IDisposable
{
    /// <summary>Largest header accepted, matching the Hugging Face safetensors reader.</summary>
    public const long MaxHeaderLength = 100_000_000;

    private const int ChunkBytes = 64 << 20;

    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;
    private readonly Dictionary<string, TensorInfo> _tensors;
    private int _disposed;

    private SafeTensorFile(string path, SafeTensorHeader header, MemoryMappedFile map, MemoryMappedViewAccessor view, byte* basePointer)
    {
        Path = path;
        _tensors = header.Tensors;
        Metadata = header.Metadata;
        _map = map;
        _view = view;
        _base = basePointer;
    }

    /// <summary>Full path of the file.</summary>
    public string Path { get; }

    /// <summary>Tensors by name, in header order.</summary>
    public IReadOnlyDictionary<string, TensorInfo> Tensors => _tensors;

    /// <summary>The <c>__metadata__</c> string map; empty when the header has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Maps <paramref name="path"/> read-only and validates its header.</summary>
    /// <exception cref="SafeTensorsException">The file is missing, unreadable, or not a valid safetensors file.</exception>
    public static SafeTensorFile Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Reading safetensors requires a little-endian platform.");
        }

        string fullPath = System.IO.Path.GetFullPath(path);
        FileStream stream;
        try
        {
            stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 1, FileOptions.RandomAccess);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SafeTensorsException($"Cannot open safetensors file '{fullPath}': {ex.Message}", ex);
        }

        MemoryMappedFile? map = null;
        MemoryMappedViewAccessor? view = null;
        bool pointerAcquired = false;
        try
        {
            SafeTensorHeader header = ReadHeader(fullPath, stream);
            map = MemoryMappedFile.CreateFromFile(stream, mapName: null, capacity: 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            byte* pointer = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            pointerAcquired = true;
            return new SafeTensorFile(fullPath, header, map, view, pointer + view.PointerOffset);
        }
        catch (Exception ex)
        {
            if (pointerAcquired)
            {
                view!.SafeMemoryMappedViewHandle.ReleasePointer();
            }

            view?.Dispose();
            map?.Dispose();
            stream.Dispose();
            if (ex is IOException or UnauthorizedAccessException)
            {
                throw new SafeTensorsException($"Cannot read safetensors file '{fullPath}': {ex.Message}", ex);
            }

            throw;
        }
    }

    /// <summary>The tensor's header entry.</summary>
    /// <exception cref="SafeTensorsException">No tensor named <paramref name="name"/>.</exception>
    public TensorInfo GetInfo(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_tensors.TryGetValue(name, out TensorInfo? info))
        {
            throw new SafeTensorsException($"tensor '{name}' not found in '{Path}'");
        }

        return info;
    }

    /// <summary>
    /// Converts tensor <paramref name="name"/> (F32, F16, BF16 or F64) to float32 into
    /// <paramref name="destination"/>, whose length must equal the tensor's element count.
    /// </summary>
    public void ReadAsFloat32(string name, Span<float> destination)
    {
        TensorInfo info = GetInfo(name);
        if (!info.DType.IsFloatingPoint())
        {
            throw new SafeTensorsException(
                $"Tensor '{name}' in '{Path}' has dtype {info.DType.ToHeaderName()}, which cannot be read as float32 (supported: F32, F16, BF16, F64).");
        }

        long count = info.ElementCount;
        if (destination.Length != count)
        {
            throw new SafeTensorsException(
                $"Tensor '{name}' in '{Path}' has {count} elements (shape {info.ShapeText}) but the destination holds {destination.Length}.");
        }

        int elementSize = info.DType.ByteSize();
        int chunkElements = ChunkBytes / elementSize;
        SafeMemoryMappedViewHandle handle = AddRef();
        try
        {
            byte* source = _base + info.FileOffset;
            for (int done = 0; done < destination.Length; done += chunkElements)
            {
                int n = Math.Min(chunkElements, destination.Length - done);
                var bytes = new ReadOnlySpan<byte>(source + ((long)done * elementSize), n * elementSize);
                Float32Decoder.Decode(info.DType, bytes, destination.Slice(done, n));
            }
        }
        finally
        {
            handle.DangerousRelease();
        }
    }

    /// <summary>
    /// The tensor's bytes exactly as stored (little-endian), read from the mapping. The span is only
    /// valid until this file is disposed.
    /// </summary>
    /// <exception cref="SafeTensorsException">No such tensor, or it is 2 GiB or larger.</exception>
    public ReadOnlySpan<byte> GetRawBytes(string name)
    {
        TensorInfo info = GetInfo(name);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        long length = info.ByteLength;
        if (length > int.MaxValue)
        {
            throw new SafeTensorsException($"Tensor '{name}' in '{Path}' is {length} bytes, too large for a single span.");
        }

        return new ReadOnlySpan<byte>(_base + info.FileOffset, (int)length);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
    }

    private SafeMemoryMappedViewHandle AddRef()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        SafeMemoryMappedViewHandle handle = _view.SafeMemoryMappedViewHandle;
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException)
        {
            throw new ObjectDisposedException(nameof(SafeTensorFile), $"'{Path}' has been closed.");
        }

        return handle;
    }

    private static SafeTensorHeader ReadHeader(string path, FileStream stream)
    {
        long fileLength = stream.Length;
        if (fileLength < 8)
        {
            throw new SafeTensorsException(
                $"Invalid safetensors file '{path}': {fileLength} bytes is too short to hold the 8-byte header length; the file may be truncated.");
        }

        Span<byte> prefix = stackalloc byte[8];
        RandomAccess.Read(stream.SafeFileHandle, prefix, 0);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength == 0)
        {
            throw new SafeTensorsException($"Invalid safetensors file '{path}': the header length is 0.");
        }

        if (headerLength > (ulong)(fileLength - 8))
        {
            throw new SafeTensorsException(
                $"Invalid safetensors file '{path}': header length {headerLength} exceeds the {fileLength - 8} bytes after the length prefix; the file may be truncated or not a safetensors file.");
        }

        if (headerLength > MaxHeaderLength)
        {
            throw new SafeTensorsException($"Invalid safetensors file '{path}': header length {headerLength} exceeds the {MaxHeaderLength}-byte limit.");
        }

        var json = new byte[(int)headerLength];
        int read = 0;
        while (read < json.Length)
        {
            int n = RandomAccess.Read(stream.SafeFileHandle, json.AsSpan(read), 8 + read);
            if (n == 0)
            {
                throw new SafeTensorsException($"Invalid safetensors file '{path}': the file ended inside the header.");
            }

            read += n;
        }

        long dataStart = 8 + (long)headerLength;
        return SafeTensorHeader.Parse(path, json, dataStart, fileLength - dataStart);
    }
}
