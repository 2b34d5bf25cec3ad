// EJS templates that replace epub-gen-memory's defaults (see PITFALLS: those hard-code
// xml:lang="en", a random identifier, the clock in dcterms:modified and the copyright year,
// no cover-image property, an EPUB 2 guide, and the TOC first in the spine).
// Every value interpolated here is escaped before it reaches the template (xml.ts), so the
// templates only use the raw `<%-` form and never re-escape.

/** What a chapter's document is made of; every string already escaped. */
export interface ChapterParts {
  lang: string;
  dir: string;
  titleXml: string;
  bodyType: string;
  content: string;
}

/**
 * A chapter: one XHTML content document. `lang`, `dir` and `bodyType` are per chapter.
 * A function, not an EJS template like the others: epub-gen-memory compiles its chapter
 * template again for every chapter, so it gets CHAPTER_XHTML, which only passes this
 * document through.
 */
export const chapterXhtml = (c: ChapterParts): string => `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="${c.lang}" lang="${c.lang}" dir="${c.dir}">
<head>
<meta charset="UTF-8"/>
<title>${c.titleXml}</title>
<link rel="stylesheet" type="text/css" href="style.css"/>
</head>
<body epub:type="${c.bodyType}">
${c.content}
</body>
</html>
`;

export const CHAPTER_XHTML = '<%- content %>';

/** The package document: metadata built in metadata.ts, manifest and spine from the chapters. */
export const CONTENT_OPF = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id"<%- packageAttrs %>>
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<%- metadataXml %>
</metadata>
<manifest>
<item id="nav" href="toc.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
<item id="css" href="style.css" media-type="text/css"/>
<% if (cover) { %><item id="cover-image" href="cover.<%- cover.extension %>" media-type="<%- cover.mediaType %>" properties="cover-image"/>
<% } %><% images.forEach(function (image) { %><item id="<%- image.id %>" href="images/<%- image.id %>.<%- image.extension %>" media-type="<%- image.mediaType %>"/>
<% }) %><% content.forEach(function (chapter) { %><item id="<%- chapter.id %>" href="<%- chapter.filename %>" media-type="application/xhtml+xml"/>
<% }) %></manifest>
<spine toc="ncx"<%- spineAttrs %>>
<% content.forEach(function (chapter) { %><itemref idref="<%- chapter.id %>"/>
<% }) %></spine>
</package>
`;

/** The EPUB 3 navigation document: the table of contents (two levels for editions) and landmarks. */
export const TOC_XHTML = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="<%- lang %>" lang="<%- lang %>" dir="<%- dir %>">
<head>
<meta charset="UTF-8"/>
<title><%- titleXml %></title>
<link rel="stylesheet" type="text/css" href="style.css"/>
</head>
<body>
<nav epub:type="toc" id="toc" role="doc-toc">
<h1><%- contentsXml %></h1>
<ol>
<% navPoints.forEach(function (point) { %><li><a href="<%- point.href %>"><%- point.label %></a><% if (point.children.length) { %>
<ol>
<% point.children.forEach(function (child) { %><li><a href="<%- child.href %>"><%- child.label %></a></li>
<% }) %></ol>
<% } %></li>
<% }) %></ol>
</nav>
<nav epub:type="landmarks" id="landmarks" hidden="hidden">
<h2><%- landmarksXml %></h2>
<ol>
<% landmarks.forEach(function (mark) { %><li><a epub:type="<%- mark.type %>" href="<%- mark.href %>"><%- mark.label %></a></li>
<% }) %></ol>
</nav>
</body>
</html>
`;

/** The EPUB 2 NCX, kept for older readers (and Kindle's conversion). playOrder is precomputed. */
export const TOC_NCX = `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="<%- lang %>">
<head>
<meta name="dtb:uid" content="<%- id %>"/>
<meta name="dtb:depth" content="<%- navDepth %>"/>
<meta name="dtb:totalPageCount" content="0"/>
<meta name="dtb:maxPageNumber" content="0"/>
</head>
<docTitle><text><%- titleXml %></text></docTitle>
<navMap>
<% navPoints.forEach(function (point) { %><navPoint id="<%- point.id %>" playOrder="<%- point.playOrder %>"><navLabel><text><%- point.label %></text></navLabel><content src="<%- point.href %>"/>
<% point.children.forEach(function (child) { %><navPoint id="<%- child.id %>" playOrder="<%- child.playOrder %>"><navLabel><text><%- child.label %></text></navLabel><content src="<%- child.href %>"/></navPoint>
<% }) %></navPoint>
<% }) %></navMap>
</ncx>
`;
