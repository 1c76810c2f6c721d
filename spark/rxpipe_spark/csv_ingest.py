"""rxpipe's CSV reading rules in plain Python, for the Spark ingest: one CMS file in, its raw
rows and its line account out, as `rxpipe ingest` makes them (Sources/Ingestion: CSVReader,
CSVBlockParser, RawBlockSink, FieldParsing, RescueJSON; Sources/Lake/Column/Cents.swift).

Nothing is dropped: a field that does not fit its column's type is null with its original text
in the row's `_rescued` JSON object, as are ragged rows (`_fields`, `_expected_fields`,
`_extra_fields`, `_lines`), NUL bytes (`_nul`), text after a closing quote (`_quotes`), stray
quotes (`_stray_quotes`, kept as written) and bytes that are not UTF-8 (`_invalid_utf8`: the
field is decoded as Windows-1252, and the file offset of the first bad byte is noted).

Lines without a quote are split directly; records with quotes, and every record of a file with
CR or NUL bytes, go through the byte-exact state machine. (rxpipe picks the careful loop per
16 MiB block, this per file; files with CR or NUL only in some blocks may differ in how a lone
CR is read.)
"""
import re

MAX_FIELD_BYTES = 64 << 10

CP1252_HIGH = [0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD,
               0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
               0x0153, 0xFFFD, 0x017E, 0x0178]


class CSVFileError(Exception):
    """A file rxpipe refuses as a whole (empty, binary, UTF-16, a header without the columns)."""


def windows1252(data):
    return "".join(chr(CP1252_HIGH[b - 0x80]) if 0x80 <= b <= 0x9F else chr(b) for b in data)


def decode(data):
    """UTF-8, or Windows-1252 when the bytes are not valid UTF-8 (CSVFieldText.decode)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return windows1252(data)


def utf8_problems(data):
    """(index of the first byte of the first invalid sequence, holds a valid multi-byte sequence)."""
    first, multibyte, i, n = -1, False, 0, len(data)
    while i < n:
        lead = data[i]
        length = 1 if lead < 0x80 else 2 if 0xC2 <= lead <= 0xDF else 3 if 0xE0 <= lead <= 0xEF else 4 if 0xF0 <= lead <= 0xF4 else 0
        valid = length > 0 and i + length <= n
        if valid and length > 1:
            try:
                data[i:i + length].decode("utf-8")
            except UnicodeDecodeError:
                valid = False
        if valid:
            multibyte = multibyte or length > 1
            i += length
        else:
            if first < 0:
                first = i
            i += 1
    return max(first, 0), multibyte


# --- Numbers (FieldParsing, Cents.parse) --------------------------------------------------------

_INT = re.compile(rb"[+-]?[0-9]+\Z")
_NUMBER_CHARS = re.compile(rb"[0-9.eE+-]+\Z")


def parse_int(data):
    if not _INT.match(data):
        return None
    value = int(data)
    return value if -(1 << 63) <= value < (1 << 63) else None


def significant_digits(data):
    mantissa = re.split(rb"[eE]", data, maxsplit=1)[0]
    digits = bytes(b for b in mantissa if 48 <= b <= 57).strip(b"0")
    return len(digits)


def parse_double(data):
    """A decimal number of at most 15 significant digits (longer ones would be rounded)."""
    if not data or not _NUMBER_CHARS.match(data) or significant_digits(data) > 15:
        return None
    try:
        value = float(data)
    except ValueError:
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return value


def parse_cents(data):
    """Exact cents of an amount with at most 2 decimals (trailing zeros beyond allowed) and at
    most 16 significant integer digits; None otherwise."""
    n, i, negative = len(data), 0, False
    if n and data[0] in (0x2D, 0x2B):
        negative, i = data[0] == 0x2D, 1
    units = digits = significant = 0
    while i < n and 48 <= data[i] <= 57:
        d = data[i] - 48
        if units or d:
            significant += 1
        if significant > 16:
            return None
        units, digits, i = units * 10 + d, digits + 1, i + 1
    fraction = fraction_digits = 0
    if i < n and data[i] == 0x2E:
        i += 1
        while i < n and 48 <= data[i] <= 57:
            d = data[i] - 48
            if fraction_digits < 2:
                fraction = fraction * 10 + d
            elif d != 0:
                return None
            fraction_digits, i = fraction_digits + 1, i + 1
    if i != n or digits + fraction_digits == 0:
        return None
    if fraction_digits == 1:
        fraction *= 10
    cents = units * 100 + fraction
    return -cents if negative else cents


# --- _rescued (RescueJSON) ------------------------------------------------------------------------


def json_string(text):
    out = ['"']
    for ch in text:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif o < 0x20:
            out.append("\\u00%02x" % o)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


class Rescue:
    def __init__(self):
        self.parts = []

    def add(self, key, value):
        self.parts.append(f"{json_string(key)}:{value}")

    def text(self, key, value):
        self.add(key, json_string(value))

    def take(self):
        if not self.parts:
            return None
        out = "{" + ",".join(self.parts) + "}"
        self.parts = []
        return out


# --- Records (CSVBlockParser) ---------------------------------------------------------------------


def parse_record(data, position, line, careful):
    """One record from `position`: ([(bytes, flaws, escaped, offset)], next position, next line,
    lines spanned). Flaws: 1 NUL, 2 stray quote, 4 text after the closing quote."""
    count = len(data)
    record_line = line
    fields = []
    terminated = False
    while True:
        flaws = 0
        if position < count and data[position] == 0x22:
            start = position + 1
            cursor, escaped, end = start, False, count
            while cursor < count:
                byte = data[cursor]
                if byte == 0x22:
                    if cursor + 1 < count and data[cursor + 1] == 0x22:
                        escaped, cursor = True, cursor + 2
                        continue
                    end, cursor = cursor, cursor + 1
                    break
                if byte == 0x0A or (careful and byte == 0x0D and not (cursor + 1 < count and data[cursor + 1] == 0x0A)):
                    line += 1
                if careful and byte == 0:
                    flaws |= 1
                cursor += 1
            tail_end = cursor
            while tail_end < count and data[tail_end] != 0x2C and not (data[tail_end] == 0x0A or (careful and data[tail_end] == 0x0D)):
                if careful and data[tail_end] == 0:
                    flaws |= 1
                tail_end += 1
            inner = bytes(data[start:max(start, end)])
            if careful:
                if tail_end > cursor:
                    fields.append((inner + bytes(data[cursor:tail_end]), flaws | 4, escaped, -1))
                else:
                    fields.append((inner, flaws, escaped, start))
            elif tail_end > cursor and not (tail_end == cursor + 1 and data[cursor] == 0x0D):
                tail = bytes(data[cursor:tail_end])
                if tail.endswith(b"\r") and tail_end < count and data[tail_end] == 0x0A:
                    tail = tail[:-1]
                fields.append((inner + tail, 4, escaped, -1))
            else:
                fields.append((inner, 0, escaped, start))
            position = tail_end
        else:
            cursor = position
            while cursor < count:
                byte = data[cursor]
                if byte == 0x2C or byte == 0x0A or (careful and byte == 0x0D):
                    break
                if byte == 0x22:
                    flaws |= 2
                elif careful and byte == 0:
                    flaws |= 1
                cursor += 1
            end = cursor
            if not careful and end > position and data[end - 1] == 0x0D and (cursor == count or data[cursor] == 0x0A):
                end -= 1
            fields.append((bytes(data[position:end]), flaws, False, position))
            position = cursor
        if position >= count:
            break
        if data[position] == 0x2C:
            position += 1
            if position >= count:
                fields.append((b"", 0, False, position))
                break
            continue
        position = position + 2 if careful and data[position] == 0x0D and position + 1 < count and data[position + 1] == 0x0A else position + 1
        line += 1
        terminated = True
        break
    return fields, position, line, line - record_line + (0 if terminated else 1)


# --- A file -----------------------------------------------------------------------------------------


class Columns:
    """The declared columns (name, kind) and how a file's header maps onto them."""

    def __init__(self, declared, header, file):
        self.declared = declared
        if len(header) == 1 and len(declared) > 1 and any(c in header[0] for c in ";\t|"):
            raise CSVFileError(f"{file}: the header is one field ({header[0][:80]!r}): not comma-separated")
        seen, self.targets, self.extras = set(), [], []
        lowered = [name.lower() for name, _ in declared]
        for name in header:
            key = name.lower()
            if key in seen:
                raise CSVFileError(f"{file}: column {name} appears twice in the header")
            seen.add(key)
            if key in lowered:
                self.targets.append(lowered.index(key))
            else:
                self.targets.append(None)
                self.extras.append(name or f"column_{len(self.targets)}")
        missing = [name for i, (name, _) in enumerate(declared) if i not in self.targets]
        if missing:
            raise CSVFileError(f"{file}: the header lacks {', '.join(missing)}")


def read_header(data, file):
    """(header names, index after the header, leading blank lines, header lines, offset)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise CSVFileError(f"{file}: UTF-16 text; save it as UTF-8")
    position = 3 if data[:3] == b"\xef\xbb\xbf" else 0
    leading, i = 0, position
    while i < len(data):
        byte = data[i]
        if byte in (0x20, 0x09):
            i += 1
        elif byte in (0x0A, 0x0D):
            i += 2 if byte == 0x0D and i + 1 < len(data) and data[i + 1] == 0x0A else 1
            leading += 1
            position = i
        else:
            break
    if position >= len(data):
        raise CSVFileError(f"{file}: empty")
    fields, after, _, lines = parse_record(data, position, 1, True)
    header = [decode(f[0].replace(b'""', b'"') if f[2] else f[0]).strip(" \t") for f in fields]
    if all(not h for h in header):
        raise CSVFileError(f"{file}: empty")
    return header, after, leading, lines


def physical_lines(data):
    """Line feeds, plus a last line without one (works on bytes and on a memory map)."""
    n, at = 0, data.find(b"\n")
    while at >= 0:
        n += 1
        at = data.find(b"\n", at + 1)
    return n + (1 if len(data) and data[-1:] not in (b"\n", b"\r") else 0)


def rows(data, declared, source, extras_all, trailing=()):
    """Every raw row of one file in the raw table's column order — declared columns, every extra
    column of the table (`extras_all`), `_rescued`, `_source`, `_line`, then `trailing` — and the
    file's SourceFileAccount as the last item (a dict)."""
    header, position, leading, header_lines = read_header(data, source)
    columns = Columns(declared, header, source)
    careful = data.find(b"\r") >= 0 or data.find(b"\x00") >= 0
    width = len(header)
    extra_slot = {name: len(declared) + extras_all.index(name) for name in columns.extras}
    slots = [t if t is not None else extra_slot[columns.extras[sum(1 for x in columns.targets[:i] if x is None)]]
             for i, t in enumerate(columns.targets)]
    names = [declared[t][0] if t is not None else columns.extras[sum(1 for x in columns.targets[:i] if x is None)]
             for i, t in enumerate(columns.targets)]
    kinds = [declared[t][1] if t is not None else "string" for t in columns.targets]
    tally = dict(record_lines=0, blank_lines=0, nul_fields=0, quote_error_fields=0, stray_quote_fields=0, utf8_fields=0,
                 invalid_utf8_fields=0, mixed_fields=0)
    line = leading + header_lines + 1
    count, records = len(data), 0
    rescue = Rescue()
    total = len(declared) + len(extras_all)
    while position < count:
        byte = data[position]
        if byte == 0x0A or (byte == 0x0D and (careful or (position + 1 < count and data[position + 1] == 0x0A))):
            position += 2 if byte == 0x0D and position + 1 < count and data[position + 1] == 0x0A else 1
            line += 1
            tally["blank_lines"] += 1
            continue
        record_line = line
        end = data.find(b"\n", position)
        end = count if end < 0 else end
        if not careful and data.find(b'"', position, end) < 0:
            parts = data[position:end].split(b",")
            if end < count and parts[-1].endswith(b"\r"):
                parts[-1] = parts[-1][:-1]
            offsets, o = [], position
            for p in parts:
                offsets.append(o)
                o += len(p) + 1
            fields = [(p, 0, False, off) for p, off in zip(parts, offsets)]
            terminated = end < count
            position = end + 1 if terminated else count
            line += 1 if terminated else 0
            spanned = 1
        else:
            fields, position, line, spanned = parse_record(data, position, line, careful)
        tally["record_lines"] += spanned
        values = [None] * total
        extra_fields, nul, quotes, stray, invalid = [], [], [], [], []
        for index, (raw, flaws, escaped, offset) in enumerate(fields):
            if index >= width:
                extra_fields.append(decode(raw.replace(b'""', b'"') if escaped else raw))
                continue
            value = raw.replace(b'""', b'"') if escaped else raw
            name, kind = names[index], kinds[index]
            if flaws:
                if flaws & 2:
                    stray.append(name)
                    tally["stray_quote_fields"] += 1
                if flaws & 5:
                    if flaws & 1:
                        nul.append(name)
                        tally["nul_fields"] += 1
                    if flaws & 4:
                        quotes.append(name)
                        tally["quote_error_fields"] += 1
                    rescue.text(name, decode(value))
                    continue
            if len(value) > MAX_FIELD_BYTES:
                rescue.text(name, value[:1024].decode("utf-8", "replace")
                            + f"… [{len(value)} bytes, over the {MAX_FIELD_BYTES}-byte field limit]")
                continue
            if not value:
                continue
            if kind == "string":
                if value.isascii():
                    values[slots[index]] = value.decode("ascii")
                else:
                    try:
                        values[slots[index]] = value.decode("utf-8")
                        tally["utf8_fields"] += 1
                    except UnicodeDecodeError:
                        values[slots[index]] = windows1252(value)
                        first, multibyte = utf8_problems(value)
                        tally["invalid_utf8_fields"] += 1
                        if multibyte:
                            tally["mixed_fields"] += 1
                        invalid.append((name, -1 if offset < 0 else offset + first))
                continue
            if kind in ("int32", "int64"):
                parsed = parse_int(value)
                if parsed is not None and kind == "int32" and not -(1 << 31) <= parsed < (1 << 31):
                    parsed = None
            elif kind == "double":
                parsed = parse_double(value)
            else:
                parsed = parse_cents(value)
            if parsed is None:
                rescue.text(name, decode(value))
            else:
                values[slots[index]] = parsed
        n = len(fields)
        if n < width:
            rescue.add("_fields", str(n))
            rescue.add("_expected_fields", str(width))
        if extra_fields:
            rescue.add("_extra_fields", "[" + ",".join(json_string(s) for s in extra_fields) + "]")
        if n != width and spanned > 1:
            rescue.add("_lines", str(spanned))
        for key, found in (("_nul", nul), ("_quotes", quotes), ("_stray_quotes", stray)):
            if found:
                rescue.add(key, "[" + ",".join(json_string(s) for s in found) + "]")
        if invalid:
            rescue.add("_invalid_utf8", "{" + ",".join(f"{json_string(k)}:{v}" for k, v in invalid) + "}")
        records += 1
        yield (*values, rescue.take(), source, record_line, *trailing)
    if records == 0:
        raise CSVFileError(f"{source}: a header and no rows")
    encoding = ("utf-8" if tally["invalid_utf8_fields"] == 0 else
                "windows-1252" if tally["utf8_fields"] == 0 and tally["mixed_fields"] == 0 else "mixed")
    account = {"source": source, "physical_lines": physical_lines(data), "leading_blank_lines": leading,
               "header_lines": header_lines, "blank_lines": tally["blank_lines"], "records": records,
               "record_lines": tally["record_lines"], "encoding": encoding, "utf8_fields": tally["utf8_fields"],
               "invalid_utf8_fields": tally["invalid_utf8_fields"], "nul_fields": tally["nul_fields"],
               "quote_error_fields": tally["quote_error_fields"], "stray_quote_fields": tally["stray_quote_fields"]}
    if account["physical_lines"] != leading + header_lines + account["blank_lines"] + account["record_lines"]:
        raise CSVFileError(f"{source}: {account['physical_lines']} physical lines but "
                           f"{leading + header_lines + account['blank_lines'] + account['record_lines']} accounted for")
    yield account


def header_of(data, declared, file):
    """(header names, extra column names) of a file, for the table's schema."""
    header = read_header(data, file)[0]
    return header, Columns(declared, header, file).extras
