#!/usr/bin/python3
"""Writes the hand-made seed inputs of fuzz/corpus/<target>/ (seed-*). Run from anywhere with
Debian's python3 (openpyxl). Inputs the fuzzers found (crash-*, found-*) are committed beside them.
"""
import io
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "tools"))
from make_xlsx import participants_workbook  # noqa: E402  (the tests' workbook writer)

ROOT = os.path.join(HERE, "corpus")
OID = "507f1f77bcf86cd799439011"


def write(target, name, data):
    d = os.path.join(ROOT, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)


def http(method, target, body=b"", headers=(), chunked=False):
    if isinstance(body, str):
        body = body.encode()
    lines = [f"{method} {target} HTTP/1.1", "Host: localhost:3000"]
    lines += list(headers)
    if chunked:
        lines.append("Transfer-Encoding: chunked")
        half = len(body) // 2
        parts = [body[:half], body[half:]]
        payload = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts if p) + b"0\r\n\r\n"
    else:
        if body or method in ("POST", "PUT", "PATCH"):
            lines.append(f"Content-Length: {len(body)}")
        payload = body
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload


def multipart(boundary, parts):
    out = b""
    for headers, body in parts:
        out += b"--" + boundary.encode() + b"\r\n"
        out += "".join(h + "\r\n" for h in headers).encode() + b"\r\n" + body + b"\r\n"
    return out + b"--" + boundary.encode() + b"--\r\n"


CSV = b"name,email,organization,phone\r\nAda Lovelace,ada@example.com,Analytical,+44 20 1234\r\n"


def xlsx(rows):
    buf = io.BytesIO()
    participants_workbook(rows).save(buf)
    return buf.getvalue()


def minimal_xlsx(sheet_xml, shared=None, rels=True):
    """A hand-built package: the smallest workbook the reader accepts, with chosen sheet XML."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        if rels:
            z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
            z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", '<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", "<sst>" + "".join(f"<si><t>{s}</t></si>" for s in shared) + "</sst>")
        z.writestr("xl/worksheets/sheet1.xml", "<worksheet><sheetData>" + sheet_xml + "</sheetData></worksheet>")
    return buf.getvalue()


def main():
    # query_string
    for i, q in enumerate([
        "a=1&b=x%20y", "page=2&limit=10&sortBy=name&sortOrder=asc&search=J%C3%BCrgen+M",
        "a=1&a=2&a=3", "%", "%zz=1&ok=%41", "+=+&=x&&y=", f"sessionId={OID}&format=xlsx",
        "tags%5B%5D=a&tags%5B%5D=b",
    ]):
        write("query_string", f"{i}", q)

    # json_validation: the first byte picks the schema (0 every kind, 1 bulk, 2 paged; +3 named).
    write("json_validation", "every-kind", b"\x00" + (
        '{"name":"Ada","email":"ada@example.com","capacity":"5","isActive":"true",'
        '"startTime":"2026-01-15T09:00:00.000Z","sessionId":"%s","status":"regular","qrCode":"QR-ABC123",'
        '"participantIds":["%s"],"participants":[{"name":"B","email":"b@x.io","phone":5}]}' % (OID, OID)).encode())
    write("json_validation", "wrong-types", b"\x00" + b'{"name":"  ","email":"a@@b","capacity":1.5,"isActive":2,'
          b'"startTime":"2026-02-30","sessionId":"xyz","status":"vip","qrCode":"qr-1","participantIds":[1],'
          b'"participants":[1,{"extra":true}],"unknown":null}')
    write("json_validation", "bulk", b"\x01" + b'{"participants":[{"name":"x","email":"y@z.de"},{"name":"","email":7}]}')
    write("json_validation", "bulk-empty", b"\x01" + b'{"participants":[]}')
    write("json_validation", "paged", b"\x02" + b'{"page":"1","limit":"100","sortBy":"name","sortOrder":"desc",'
          b'"search":"a","checkInAfter":"2026-01-01T00:00:00Z"}')
    write("json_validation", "paged-named", b"\x05" + b'{"page":"0","limit":"1e3","other":"ignored"}')
    write("json_validation", "not-object", b"\x00[1,2,3]")

    # engineio_packet
    for i, p in enumerate([
        b'0{"sid":"abc","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}',
        b"2probe", b"3", b"4hello", b"bAQID", b"4a\x1e4b\x1ebAAEC", b"6", b"5", b"1", b"bQQ==", b"b!!",
        b'42["subscribe",{"room":"dashboard"}]\x1e2\x1e3',
    ]):
        write("engineio_packet", f"{i}", p)

    # socketio_packet: the packet, then attachments on the following lines.
    for i, p in enumerate([
        b'0/realtime,{"token":"x"}', b'2["subscribe",{"room":"dashboard"}]', b'21["ping"]',
        b'2/realtime,5["x",1,{"a":[true,null]}]', b'31["ok"]', b'3/realtime,12[]',
        b'51-["upload",{"_placeholder":true,"num":0}]\n\x01\x02\x03',
        b'62-/realtime,3[{"_placeholder":true,"num":1},{"_placeholder":true,"num":0}]\nabc\ndef',
        b"1/realtime,", b'4{"message":"Unauthorized"}', b'2["connect"]', b"0", b'2[1]',
    ]):
        write("socketio_packet", f"{i}", p)
    # Regression: nesting deep enough to overflow the stack in reconstruction (stays under 64 kB).
    write("socketio_packet", "regress-deep-nesting",
          b'51-["upload",' + b"[" * 30000 + b'{"_placeholder":true,"num":0}' + b"]" * 30000 + b"]\nab")

    # multipart: the Content-Type line, then the body.
    b = "----admitBoundary7MA4YWxk"
    file_part = ['Content-Disposition: form-data; name="file"; filename="participants.csv"', "Content-Type: text/csv"]
    write("multipart", "file", f"multipart/form-data; boundary={b}\n".encode() + multipart(b, [(file_part, CSV)]))
    write("multipart", "two-parts", f'multipart/form-data; boundary="{b}"\n'.encode() + b"preamble\r\n" + multipart(b, [
        (['Content-Disposition: form-data; name="dryRun"'], b"true"),
        (["content-disposition: form-data; name=file; filename*=UTF-8''na%C3%AFve.csv",
          'X-Other: "q\\"uoted"'], CSV)]) + b"epilogue")
    write("multipart", "no-headers", b"multipart/form-data; boundary=x\n--x\r\n\r\nbody\r\n--x--")
    write("multipart", "unterminated", b"multipart/form-data; boundary=x\n--x\r\nContent-Disposition: form-data; name=a\r\n\r\nbody")
    write("multipart", "padding", b"Multipart/Form-Data ; Boundary=x ; charset=utf-8\n--x \t\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\r\n--x--")

    # csv_import
    for name, text in [
        ("participants", CSV + b"Grace Hopper,grace@navy.mil,,\r\n,missing@name.org,,\r\nNo Email,,,\r\n"),
        ("bom-quoted", b'\xef\xbb\xbf"name","email"\n"Hopper, Grace","g@h.io"\n"multi\nline ""quoted""",x@y.zz\n'),
        ("reordered", b" Email ,NAME,phone,extra\rb@c.de,Bob,123,ignored\r\r"),
        ("unterminated", b'name,email\n"open,a@b.c\n'),
        ("after-quote", b'name,email\n"a"b,c@d.ee\n'),
        ("not-utf8", b"name,email\n\xff\xfe,a@b.cd\n"),
        ("long", b"name,email\n" + b"x" * 300 + b",a@b.cd\n"),
    ]:
        write("csv_import", name, text)

    # xlsx_import: real workbooks from openpyxl and hand-built packages with odd sheet XML.
    write("xlsx_import", "openpyxl", xlsx([["name", "email", "organization", "phone"],
                                           ["Ada", "ada@example.com", None, 4915112345678],
                                           [None, None], ["Bob", "bob@x.io", True, 1.5]]))
    write("xlsx_import", "refs", minimal_xlsx(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        '<row r="3"><c r="B3" t="inlineStr"><is><t>x@y.zz</t></is></c><c r="A3" t="str"><v>F</v></c>'
        '<c r="D3" t="b"><v>1</v></c><c r="E3"><v>1E+3</v></c><c t="e"><v>#N/A</v></c></row>',
        shared=["name", "email"]))
    write("xlsx_import", "no-rels", minimal_xlsx('<row><c><v>1</v></c></row>', rels=False))
    write("xlsx_import", "bad-shared", minimal_xlsx('<row><c t="s"><v>7</v></c></row>', shared=["a"]))
    write("xlsx_import", "regress-row-in-reference",
          minimal_xlsx('<row><c r="A9999999" t="inlineStr"><is><t>x</t></is></c></row>'))
    write("xlsx_import", "phonetic", minimal_xlsx('<row r="2"><c r="C2" t="s"><v>0</v></c></row>',
                                                  shared=['A<rPh><t>ey</t></rPh>']))

    # http_request: raw requests as a client sends them (several per input on keep-alive).
    json_h = ["Content-Type: application/json"]
    reqs = {
        "health": http("GET", "/api/v1/health"),
        "list-sessions": http("GET", "/api/v1/sessions?page=1&limit=5&sortBy=startTime&sortOrder=asc&search=talk"),
        "create-session": http("POST", "/api/v1/sessions", '{"name":"Keynote","location":"Hall A",'
                               '"startTime":"2026-01-15T10:00:00.000Z","endTime":"2026-01-15T11:00:00.000Z",'
                               '"capacity":100}', json_h),
        "create-participant": http("POST", "/api/v1/participants", '{"name":"Ada","email":"ada@example.com"}',
                                   json_h + ["X-Request-Id: fuzz-1"]),
        "chunked": http("POST", "/api/v1/participants/bulk",
                        '{"participants":[{"name":"A","email":"a@b.cd"},{"name":"B","email":"bad"}]}',
                        json_h, chunked=True),
        "verify-qr": http("POST", "/api/v1/checkin/verify-qr", '{"qrCode":"QR-ABC","sessionId":"%s"}' % OID, json_h),
        "form": http("POST", "/api/v1/checkin/accept", f"participantId={OID}&sessionId={OID}",
                     ["Content-Type: application/x-www-form-urlencoded"]),
        "bad-param": http("GET", "/api/v1/participants/%FF%FE") + http("GET", "/api/v1/participants/%41?x=%"),
        "malformed-json": http("PATCH", f"/api/v1/sessions/{OID}", '{"name":', json_h),
        "settings": http("PUT", "/api/v1/settings/timing", '{"lateThresholdMinutes":"15","autoEndEnabled":false}',
                         json_h),
        "upload": http("POST", "/api/v1/bulk/upload/participants?dryRun=true",
                       multipart("b0undary", [(file_part, CSV)]),
                       ["Content-Type: multipart/form-data; boundary=b0undary"]),
        "pipelined": http("GET", "/api/v1/health/live") + http("GET", "/api/v1/reports/statistics") +
                     http("DELETE", f"/api/v1/registrations/{OID}", headers=["Connection: close"]),
        "not-found": http("HEAD", "/nope?with=query"),
        "export": http("GET", "/api/v1/bulk/template/participants") + http("GET", "/api/v1/reports/attendance?format=xlsx"),
        # Regressions (tests/unit/fuzz_regression_test.cpp): 1e999 was a 500.
        "regress-number-overflow": http("POST", "/api/v1/sessions", '{"name":"x","capacity":1e999}', json_h),
    }
    for name, data in reqs.items():
        write("http_request", name, data)


if __name__ == "__main__":
    main()
