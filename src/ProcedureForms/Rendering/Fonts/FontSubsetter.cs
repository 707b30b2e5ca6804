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

    // hb_subset_flags_t: the PDF is for print and screen at any size, where hinting instructions do nothing.
    private const uint NoHinting = 0x00000001;

    // HB_SUBSET_FLAGS_NO_LAYOUT_CLOSURE (HarfBuzz 7 and later): glyphs are not added for what GSUB could substitute.
    private const uint NoLayoutClosure = 0x00000200;

    // hb_subset_sets_t
    private const int DropTableTags = 3;

    // HB_MAP_VALUE_INVALID
    private const uint Missing = uint.MaxValue;

    // Tables nothing reads from the PDF: Skia is given glyph ids and positions already shaped with the full font, and
    // the text is horizontal. GSUB stays, because the subsetter takes the glyphs shaping can reach from it.
    private static readonly string[] Dropped = ["GPOS", "BASE", "JSTF", "MATH", "vhea", "vmtx", "VORG", "gasp", "DSIG"];

    /// <summary>
    /// A subset of <paramref name="font"/> holding <paramref name="codePoints"/> (variation selectors included, so
    /// variant glyphs survive), with glyph ids renumbered from 0: a subset that kept the full font's ids would carry
    /// tables sized for all of its glyphs (184 KB instead of 60 KB for a two-page form, all of it compressed again in
    /// every PDF). Text is still shaped once with the shared full font; <see cref="FontSubset.Map"/> renumbers the glyphs.
    /// </summary>
    /// <param name="font">The full font.</param>
    /// <param name="codePoints">The characters to keep, with the glyphs they map to and those shaping can reach.</param>
    /// <param name="glyphs">Glyphs of the full font to keep besides (shaped glyphs the characters alone may not reach).</param>
    /// <param name="closure">
    /// Whether the glyphs shaping can reach through GSUB are kept (and GSUB with them). A document's own subset passes
    /// false: its glyphs were shaped already, the check after subsetting names any that are missing, and the closure
    /// over IPAex Mincho's GSUB is most of the subsetting time.
    /// </param>
    public static FontSubset Subset(FormFont font, IEnumerable<int> codePoints, IEnumerable<uint>? glyphs = null, bool closure = true)
    {
        var input = hb_subset_input_create_or_fail();
        if (input == IntPtr.Zero) throw new InvalidOperationException("HarfBuzz could not allocate a subset input.");
        var plan = IntPtr.Zero;
        try
        {
            var unicodes = hb_subset_input_unicode_set(input);
            foreach (var codePoint in codePoints) hb_set_add(unicodes, (uint)codePoint);
            if (glyphs is not null)
            {
                var glyphSet = hb_subset_input_glyph_set(input);
                foreach (var glyph in glyphs) hb_set_add(glyphSet, glyph);
            }
            var drop = hb_subset_input_set(input, DropTableTags);
            foreach (var tag in Dropped) hb_set_add(drop, Tag.Parse(tag));
            if (!closure)
            {
                hb_set_add(drop, Tag.Parse("GSUB"));
                hb_set_add(drop, Tag.Parse("GDEF"));
            }
            hb_subset_input_set_flags(input, NoHinting | (closure ? 0 : NoLayoutClosure));
            plan = hb_subset_plan_create_or_fail(font.Face.Handle, input);
            if (plan == IntPtr.Zero) throw new InvalidOperationException($"HarfBuzz could not plan a subset of {font.Name}.");
            var subset = hb_subset_plan_execute_or_fail(plan);
            if (subset == IntPtr.Zero) throw new InvalidOperationException($"HarfBuzz could not subset {font.Name}.");
            byte[] bytes;
            try
            {
                var blob = hb_face_reference_blob(subset);
                try
                {
                    var data = hb_blob_get_data(blob, out var length);
                    bytes = new byte[length];
                    Marshal.Copy(data, bytes, 0, (int)length);
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
            var result = new FontSubset(bytes, plan, font.Name);
            plan = IntPtr.Zero; // now the subset's
            return result;
        }
        finally
        {
            if (plan != IntPtr.Zero) hb_subset_plan_destroy(plan);
            hb_subset_input_destroy(input);
        }
    }

    /// <summary>The font data of one document's subset, and the renumbering of the full font's glyphs into it.</summary>
    internal sealed class FontSubset : IDisposable
    {
        private readonly string _fontName;
        private IntPtr _plan;

        internal FontSubset(byte[] data, IntPtr plan, string fontName)
        {
            Data = data;
            _plan = plan;
            _fontName = fontName;
        }

        /// <summary>The subset font (TrueType), to embed.</summary>
        public byte[] Data { get; }

        /// <summary>The subset's id for a glyph of the full font.</summary>
        /// <exception cref="InvalidOperationException">The glyph is not in the subset (it would print as a box).</exception>
        public ushort Map(uint glyph) => TryMap(glyph, out var mapped)
            ? mapped
            : throw new InvalidOperationException($"Glyph {glyph} of {_fontName} was shaped but is not in the document's subset.");

        /// <summary>The subset's id for a glyph of the full font, if the subset has it. Thread-safe (a read of a finished map).</summary>
        public bool TryMap(uint glyph, out ushort mapped)
        {
            var plan = _plan; // read once: a Dispose in between must not hand HarfBuzz a null plan
            ObjectDisposedException.ThrowIf(plan == IntPtr.Zero, this);
            var value = hb_map_get(hb_subset_plan_old_to_new_glyph_mapping(plan), glyph);
            GC.KeepAlive(this);
            mapped = (ushort)value;
            return value != Missing && value <= ushort.MaxValue;
        }

        public void Dispose()
        {
            Release();
            GC.SuppressFinalize(this);
        }

        // A form's cached subset lives as long as the form and is never disposed: the plan is freed when it is collected.
        ~FontSubset() => Release();

        private void Release()
        {
            var plan = Interlocked.Exchange(ref _plan, IntPtr.Zero);
            if (plan != IntPtr.Zero) hb_subset_plan_destroy(plan);
        }
    }

    [LibraryImport(Library)] private static partial IntPtr hb_subset_input_create_or_fail();
    [LibraryImport(Library)] private static partial IntPtr hb_subset_input_unicode_set(IntPtr input);
    [LibraryImport(Library)] private static partial IntPtr hb_subset_input_set(IntPtr input, int setType);
    [LibraryImport(Library)] private static partial IntPtr hb_subset_input_glyph_set(IntPtr input);
    [LibraryImport(Library)] private static partial void hb_subset_input_set_flags(IntPtr input, uint flags);
    [LibraryImport(Library)] private static partial void hb_subset_input_destroy(IntPtr input);
    [LibraryImport(Library)] private static partial void hb_set_add(IntPtr set, uint codePoint);
    [LibraryImport(Library)] private static partial IntPtr hb_subset_plan_create_or_fail(IntPtr face, IntPtr input);
    [LibraryImport(Library)] private static partial IntPtr hb_subset_plan_execute_or_fail(IntPtr plan);
    [LibraryImport(Library)] private static partial IntPtr hb_subset_plan_old_to_new_glyph_mapping(IntPtr plan);
    [LibraryImport(Library)] private static partial void hb_subset_plan_destroy(IntPtr plan);
    [LibraryImport(Library)] private static partial uint hb_map_get(IntPtr map, uint key);
    [LibraryImport(Library)] private static partial IntPtr hb_face_reference_blob(IntPtr face);
    [LibraryImport(Library)] private static partial IntPtr hb_blob_get_data(IntPtr blob, out uint length);
    [LibraryImport(Library)] private static partial void hb_blob_destroy(IntPtr blob);
    [LibraryImport(Library)] private static partial void hb_face_destroy(IntPtr face);

    // Make sure HarfBuzzSharp has loaded (and so resolved) the native library before our first call.
    static FontSubsetter() => _ = Blob.Empty;
}
