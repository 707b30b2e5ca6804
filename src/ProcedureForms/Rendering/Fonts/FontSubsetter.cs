using System.Runtime.InteropServices;
using HarfBuzzSharp;

namespace ProcedureForms.Rendering.Fonts;

/// <summary>
/// Cuts a font down to the characters one document uses, with the HarfBuzz subsetter that libHarfBuzzSharp exports but
/// HarfBuzzSharp does not bind (the export exists in its Linux, Windows and macOS builds). Stock Skia would embed all
/// 7.8 MB of IPAex Mincho in every PDF.
/// </summary>
internal static partial class FontSubsetter
{
    private const string Library = "libHarfBuzzSharp";

    // hb_subset_flags_t
    private const uint NoHinting = 0x00000001;
    private const uint RetainGids = 0x00000002;

    /// <summary>A subset of <paramref name="font"/> holding <paramref name="codePoints"/> (variation selectors included, so variant glyphs survive).</summary>
    public static byte[] Subset(FormFont font, IEnumerable<int> codePoints)
    {
        var input = hb_subset_input_create_or_fail();
        if (input == IntPtr.Zero) throw new InvalidOperationException("HarfBuzz could not allocate a subset input.");
        try
        {
            var unicodes = hb_subset_input_unicode_set(input);
            foreach (var codePoint in codePoints) hb_set_add(unicodes, (uint)codePoint);
            // Glyph ids stay those of the full font, so text is shaped once, with the font every thread shares, and
            // no per-document HarfBuzz objects are needed (creating them concurrently gave .notdef glyphs now and then).
            hb_subset_input_set_flags(input, NoHinting | RetainGids);
            var subset = hb_subset_or_fail(font.Face.Handle, input);
            if (subset == IntPtr.Zero) throw new InvalidOperationException($"HarfBuzz could not subset {font.Name}.");
            try
            {
                var blob = hb_face_reference_blob(subset);
                try
                {
                    var data = hb_blob_get_data(blob, out var length);
                    var bytes = new byte[length];
                    Marshal.Copy(data, bytes, 0, (int)length);
                    return bytes;
                }
                finally
                {
                    hb_blob_destroy(blob);
                }
            }
            finally
            {
                hb_face_destroy(subset);
            }
        }
        finally
        {
            hb_subset_input_destroy(input);
        }
    }

    [LibraryImport(Library)] private static partial IntPtr hb_subset_input_create_or_fail();
    [LibraryImport(Library)] private static partial IntPtr hb_subset_input_unicode_set(IntPtr input);
    [LibraryImport(Library)] private static partial void hb_subset_input_set_flags(IntPtr input, uint flags);
    [LibraryImport(Library)] private static partial void hb_subset_input_destroy(IntPtr input);
    [LibraryImport(Library)] private static partial void hb_set_add(IntPtr set, uint codePoint);
    [LibraryImport(Library)] private static partial IntPtr hb_subset_or_fail(IntPtr face, IntPtr input);
    [LibraryImport(Library)] private static partial IntPtr hb_face_reference_blob(IntPtr face);
    [LibraryImport(Library)] private static partial IntPtr hb_blob_get_data(IntPtr blob, out uint length);
    [LibraryImport(Library)] private static partial void hb_blob_destroy(IntPtr blob);
    [LibraryImport(Library)] private static partial void hb_face_destroy(IntPtr face);

    // Make sure HarfBuzzSharp has loaded (and so resolved) the native library before our first call.
    static FontSubsetter() => _ = Blob.Empty;
}
