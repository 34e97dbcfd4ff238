using System.Buffers.Binary;

namespace GridGov.Silo.Photos;

/// <summary>A photo format GridGov accepts.</summary>
public sealed record PhotoFormat(string ContentType, string Extension)
{
    public static readonly PhotoFormat Jpeg = new("image/jpeg", "jpg");
    public static readonly PhotoFormat Png = new("image/png", "png");
    public static readonly PhotoFormat WebP = new("image/webp", "webp");

    public static readonly IReadOnlyList<PhotoFormat> All = [Jpeg, Png, WebP];
}

/// <summary>
/// Recognises JPEG, PNG and WebP from their leading bytes (magic numbers), never from a file name or a declared
/// content type, and reads the pixel size from the header where it can (no decoding: no imaging library needed).
/// </summary>
public static class PhotoFormats
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The format these bytes are, or null when they are none of JPEG, PNG and WebP.</summary>
    public static PhotoFormat? Sniff(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) return PhotoFormat.Jpeg;
        if (data.StartsWith(PngSignature)) return PhotoFormat.Png;
        // RIFF <size> WEBP, then a VP8 / VP8L / VP8X chunk.
        if (data.Length >= 16 && data[..4].SequenceEqual("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WEBP"u8)
            && (data.Slice(12, 4).SequenceEqual("VP8 "u8) || data.Slice(12, 4).SequenceEqual("VP8L"u8) || data.Slice(12, 4).SequenceEqual("VP8X"u8)))
            return PhotoFormat.WebP;
        return null;
    }

    /// <summary>Width and height from the header, or null when the header does not say (the photo is kept anyway).</summary>
    public static (int Width, int Height)? Dimensions(ReadOnlySpan<byte> data, PhotoFormat format)
    {
        try
        {
            (int W, int H)? size = format.Extension switch
            {
                "png" => Png(data),
                "jpg" => Jpeg(data),
                "webp" => WebP(data),
                _ => null,
            };
            return size is ( > 0, > 0) ? size : null;
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            return null; // a truncated header
        }
    }

    private static (int, int)? Png(ReadOnlySpan<byte> d) =>
        d.Length >= 24 && d.Slice(12, 4).SequenceEqual("IHDR"u8)
            ? ((int)BinaryPrimitives.ReadUInt32BigEndian(d.Slice(16, 4)), (int)BinaryPrimitives.ReadUInt32BigEndian(d.Slice(20, 4)))
            : null;

    /// <summary>Walks the markers up to the first start-of-frame (SOF0-SOF15 but DHT, JPG and DAC).</summary>
    private static (int, int)? Jpeg(ReadOnlySpan<byte> d)
    {
        var i = 2;
        while (i + 4 <= d.Length)
        {
            if (d[i] != 0xFF) return null;
            var marker = d[i + 1];
            if (marker == 0xFF) { i++; continue; } // fill byte
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7)) { i += 2; continue; } // markers without a length
            if (marker is 0xD9 or 0xDA) return null; // end of image or start of scan before any frame header
            var length = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(i + 2, 2));
            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
                return (BinaryPrimitives.ReadUInt16BigEndian(d.Slice(i + 7, 2)), BinaryPrimitives.ReadUInt16BigEndian(d.Slice(i + 5, 2)));
            if (length < 2) return null;
            i += 2 + length;
        }
        return null;
    }

    private static (int, int)? WebP(ReadOnlySpan<byte> d)
    {
        var chunk = d.Slice(12, 4);
        if (chunk.SequenceEqual("VP8X"u8)) // extended: 24-bit canvas width-1 and height-1
            return (Int24(d.Slice(24, 3)) + 1, Int24(d.Slice(27, 3)) + 1);
        if (chunk.SequenceEqual("VP8L"u8)) // lossless: signature 0x2F, then 14 bits width-1, 14 bits height-1
        {
            if (d[20] != 0x2F) return null;
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(d.Slice(21, 4));
            return ((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }
        if (chunk.SequenceEqual("VP8 "u8)) // lossy: a key frame's start code 9D 01 2A, then 14-bit width and height
        {
            if (d[23] != 0x9D || d[24] != 0x01 || d[25] != 0x2A) return null;
            return (BinaryPrimitives.ReadUInt16LittleEndian(d.Slice(26, 2)) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(d.Slice(28, 2)) & 0x3FFF);
        }
        return null;
    }

    private static int Int24(ReadOnlySpan<byte> d) => d[0] | (d[1] << 8) | (d[2] << 16);
}
