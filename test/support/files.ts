// Small real files for upload tests: uploads are checked by parsing (a PDF must have a page, an image must
// decode, an Office file must be a package), so a fixture is made by the library that writes the format.
import { deflateSync } from "node:zlib";
import CFB from "cfb";
import ExcelJS from "exceljs";
import jpeg from "jpeg-js";
import JSZip from "jszip";
import { PDFDocument } from "pdf-lib";

/** A one-page PDF; `title` goes into its metadata, so different titles make different files (and file ids). */
export async function minimalPdf(title = "附件"): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  doc.addPage([595, 842]);
  return Buffer.from(await doc.save());
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Buffer) => {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

/** A real PNG, written from bytes: IHDR, one zlib-compressed IDAT of grey pixels, IEND, each with its CRC. */
export function minimalPng(width = 2, height = 2, grey = 0x80): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, deflate, adaptive filtering, no interlace
  const rows = Buffer.concat(Array.from({ length: height }, () => Buffer.from([0, ...Array<number>(width).fill(grey)])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}

/** A real 8×8 JPEG. */
export function minimalJpeg(): Buffer {
  return jpeg.encode({ width: 8, height: 8, data: Buffer.alloc(8 * 8 * 4, 0x80) }, 80).data;
}

/** A real XLSX workbook, as Excel would save it. */
export async function minimalXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("师资").addRow(["姓名", "职称"]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A minimal but well-formed DOCX package: content types, the package relationship and word/document.xml. */
export async function minimalDocx(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    "_rels/.rels",
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file("word/document.xml", '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p/></w:body></w:document>');
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** An Office 97–2003 compound document holding the named streams (WordDocument for .doc, Workbook for .xls). */
export function minimalOle(...streams: string[]): Buffer {
  const container = CFB.utils.cfb_new();
  for (const name of streams) CFB.utils.cfb_add(container, `/${name}`, Buffer.alloc(600, 0x20));
  return Buffer.from(CFB.write(container, { type: "buffer" }) as Uint8Array);
}
