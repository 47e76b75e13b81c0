namespace Lamdas.Storage;

/// <summary>What an operation of a confined store needs: reading (list, describe, open) or writing (write, create, delete).</summary>
internal enum StorageAccess
{
    Read,
    Write,
}
