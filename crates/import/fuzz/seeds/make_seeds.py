#!/usr/bin/env python3
"""Writes the seed corpora (corpus/<target>/seed-*) from the crate's test fixtures and a few
hand-made files. Run from anywhere: python3 crates/import/fuzz/seeds/make_seeds.py"""
import io
import os
import zipfile
import zlib

FUZZ = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX = os.path.join(os.path.dirname(FUZZ), "tests", "fixtures")
SEP = b"\x1e"
EXTENSIONS = ["pdf", "docx", "zip", "md", "txt", "json", "html", ""]


def fixture(*p):
    with open(os.path.join(FIX, *p), "rb") as f:
        return f.read()


def write(target, name, data):
    d = os.path.join(FUZZ, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)


def zip_add(z, name, data, method):
    """An entry with a fixed date, so the seeds are the same on every run."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = method
    info.external_attr = 0o644 << 16
    z.writestr(info, data)


def pdf(objects, trailer_extra=b"", eof=True):
    """A PDF with a correct xref table; objects are the bodies of objects 1..n."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n" % (
        len(objects) + 1, trailer_extra, xref)
    if eof:
        out += b"%%EOF\n"
    return bytes(out)


def stream(data, compress=False):
    if compress:
        data = zlib.compress(data)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


HELV = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
HELVB = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>"

CONTENT = b"""BT /F2 16 Tf 72 720 Td (Jane Doe) Tj ET
BT /F1 10 Tf 72 700 Td (jane@example.com | linkedin.com/in/jane) Tj ET
BT /F2 12 Tf 72 670 Td (EXPERIENCE) Tj ET
BT /F2 10 Tf 72 650 Td (Senior Product Manager, Acme \\(2019 - Present\\)) Tj ET
BT /F1 10 Tf 80 635 Td (\\225 Grew revenue 30% by launching pricing tiers) Tj ET
BT /F1 10 Tf 80 620 Td [(\\225 Led a team of 8 en)-20(gineers)] TJ ET
BT /F2 12 Tf 72 590 Td (EDUCATION) Tj ET
BT /F1 10 Tf 12 TL 72 570 Td (B.S. Computer Science, State University, 2012) Tj ' (second line) Tj ET
"""


def minimal_pdf(compress=False, extra_objects=(), trailer_extra=b""):
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        stream(CONTENT, compress),
        HELV,
        HELVB,
    ]
    objs.extend(extra_objects)
    return pdf(objs, trailer_extra)


FORM = b"BT /F1 9 Tf 72 600 Td (Footer in a form) Tj ET"


def tounicode_pdf():
    """A two-page PDF: a Type0 font with a ToUnicode CMap (2-byte codes), a form XObject."""
    cmap = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Test def 1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0001> <0048> <0002> <0069> endbfchar
1 beginbfrange <0010> <0019> <0030> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end"""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 8 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> /XObject << /X1 9 0 R >> >> >>",
        stream(b"BT /F1 12 Tf 72 720 Td <00010002> Tj 0 -14 Td <001100120013> Tj ET /X1 Do", True),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Calibri-Bold /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Calibri-Bold "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/DW 500 /W [1 [600 300] 16 25 500] >>",
        stream(cmap),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 10 0 R "
        b"/Resources << /Font << /F1 11 0 R >> >> >>",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Matrix [1 0 0 1 0 -100] "
        b"/Resources << /Font << /F1 11 0 R >> >> /Length %d >>\nstream\n%s\nendstream"
        % (len(FORM), FORM),
        stream(b"BT /F1 11 Tf 13 TL 1 0 0 1 300 700 Tm (Right column) Tj T* (fi\\255nance) Tj ET"),
        b"<< /Type /Font /Subtype /TrueType /BaseFont /Georgia /FirstChar 32 /LastChar 126 "
        b"/Encoding << /Type /Encoding /BaseEncoding /MacRomanEncoding "
        b"/Differences [45 /hyphen 173 /fi] >> >>",
    ]
    return pdf(objs)


def main():
    # pdf
    pm = fixture("pdf", "pm-resume.pdf")
    mini = minimal_pdf()
    pdfs = {
        "pm-resume.pdf": pm,
        "minimal.pdf": mini,
        "minimal-flate.pdf": minimal_pdf(compress=True),
        "encrypted.pdf": minimal_pdf(
            extra_objects=[b"<< /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>"],
            trailer_extra=b"/Encrypt 7 0 R /ID [<0123456789abcdef> <0123456789abcdef>] "),
        "truncated.pdf": mini[: len(mini) // 2],
        "truncated-with-eof.pdf": mini[: len(mini) // 2] + b"\n%%EOF\n",
        "tounicode-2pages.pdf": tounicode_pdf(),
        "image-only.pdf": pdf([
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
            stream(b"q 612 0 0 792 0 0 cm /Im1 Do Q"),
            b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Length 1 >>\nstream\n\x00\nendstream",
        ]),
    }
    for name, data in pdfs.items():
        write("pdf", name, data)

    # docx: the fixture, a minimal zip, and the structured form (parts joined by 0x1E)
    docx = fixture("docx", "pm-resume.docx")
    write("docx", "pm-resume.docx", docx)
    parts = []
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        for info in z.infolist():
            parts.append((info.filename, z.read(info)))
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        for n, d in parts:
            zip_add(z, n, d, zipfile.ZIP_STORED)
    write("docx", "pm-resume-stored.docx", b.getvalue())
    body = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b'<w:body><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Jane Doe</w:t></w:r></w:p>'
            b'<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Experience </w:t></w:r></w:p>'
            b'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
            b'<w:r><w:t>Shipped things</w:t></w:r><w:r><w:tab/><w:t>2020</w:t></w:r></w:p>'
            b'<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
            b'</w:body></w:document>')
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        zip_add(z, "word/document.xml", body, zipfile.ZIP_DEFLATED)
    write("docx", "minimal.zip", b.getvalue())
    write("docx", "empty.zip", b"PK\x05\x06" + b"\x00" * 18)
    write("docx", "parts-pm-resume", SEP.join(n.encode() + b"\n" + d for n, d in parts))
    write("docx", "parts-minimal", b"word/document.xml\n" + body)

    # linkedin: the export as a zip, and its CSVs joined by 0x1E in the target's order
    folder = os.path.join(FIX, "linkedin", "Basic_LinkedInDataExport")
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        for n in sorted(os.listdir(folder)):
            zip_add(z, "Basic_LinkedInDataExport/" + n,
                    fixture("linkedin", "Basic_LinkedInDataExport", n), zipfile.ZIP_DEFLATED)
    export_zip = b.getvalue()
    write("linkedin", "export.zip", export_zip)
    order = ["Profile.csv", "Positions.csv", "Connections.csv", "Skills.csv", "Education.csv",
             "Projects.csv", "Certifications.csv", "Languages.csv"]
    csvs = [fixture("linkedin", "Basic_LinkedInDataExport", n) for n in order]
    write("linkedin", "csvs", SEP.join(csvs))
    # A short one: Connections.csv cut to its preamble, header and three rows.
    short = csvs[:]
    short[2] = b"\n".join(csvs[2].split(b"\n")[:7])
    write("linkedin", "csvs-short", SEP.join(short))

    # posting
    pdir = os.path.join(FIX, "postings")
    for n in sorted(os.listdir(pdir)):
        write("posting", n, fixture("postings", n))
    write("posting", "jsonld.json", b'{"@context":"https://schema.org","@type":"JobPosting",'
          b'"title":"Senior PM","hiringOrganization":{"@type":"Organization","name":"Acme"},'
          b'"description":"<h2>Requirements</h2><ul><li>5+ years of product management</li>'
          b'<li>Nice to have: SQL</li></ul>"}')

    # import: a selection, each prefixed with the byte that picks its extension (As = Auto)
    sel = lambda ext: bytes([EXTENSIONS.index(ext)])
    write("import", "pdf-minimal", sel("pdf") + mini)
    write("import", "pdf-pm-resume", sel("pdf") + pm)
    write("import", "docx-pm-resume", sel("docx") + docx)
    write("import", "zip-export", sel("zip") + export_zip)
    write("import", "md-pm-resume", sel("md") + fixture("resume", "pm-resume.md"))
    write("import", "txt-pm-resume", sel("txt") + fixture("pdf", "pm-resume.txt"))
    write("import", "txt-posting", sel("txt") + fixture("postings", "group-pm-devtools.txt"))
    write("import", "json-posting", sel("json") + fixture("postings", "senior-pm-climate.json"))
    write("import", "html-posting", sel("html") + fixture("postings", "vp-product-b2b-saas.html"))
    write("import", "none-utf16", sel("") + "Jane Doe\nExperience\n- Led things\n".encode("utf-16"))
    write("import", "json-resume", sel("json") + b'{"basics":{"name":"Jane Doe","label":"PM",'
          b'"email":"jane@example.com","location":{"city":"Berlin","countryCode":"DE"},'
          b'"profiles":[{"network":"LinkedIn","url":"https://linkedin.com/in/jane"}]},'
          b'"work":[{"name":"Acme","position":"Senior PM","startDate":"2019-03",'
          b'"highlights":["Grew revenue 30%",{"text":"Led 8 engineers","source":{"file":"x","span":[0,3]}}]}],'
          b'"volunteer":[{"organization":"Code Club","position":"Mentor"}],'
          b'"education":[{"institution":"State U","studyType":"B.S.","area":"CS"}],'
          b'"skills":[{"name":"SQL","keywords":["Postgres"]}],"x-pivot-unplaced":[]}')


if __name__ == "__main__":
    main()
