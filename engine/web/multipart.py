"""Reading a `multipart/form-data` body: the fields, and the files a form uploads.

The workspace takes uploads in one place (a stakeholder's survey answers), so the standard
library's MIME parser is enough; it runs on a body the guard has already bounded (`MAX_BODY`),
and at most `MAX_PARTS` parts are read. Nothing here trusts a part: names and file names are
plain text for the page to escape, and file contents stay bytes for their reader to check.
"""

from __future__ import annotations

import email.parser
import email.policy
from dataclasses import dataclass
from email.message import EmailMessage, MIMEPart

MAX_PARTS = 200
TYPE = "multipart/form-data"


@dataclass(frozen=True)
class Upload:
    """One uploaded file: the form field, the file name the browser gave, and its bytes."""

    field: str
    filename: str
    data: bytes


class MultipartError(ValueError):
    """The body is not a form's multipart body."""


def parse_multipart(body: bytes, content_type: str) -> tuple[list[tuple[str, str]], list[Upload]]:
    """(fields in order, files) of a multipart body; MultipartError if it cannot be read."""
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1", "replace")
    parser = email.parser.BytesParser(policy=email.policy.HTTP)
    message = parser.parsebytes(head + body)
    if not isinstance(message, EmailMessage) or not message.is_multipart():
        raise MultipartError("not a multipart form")
    fields: list[tuple[str, str]] = []
    files: list[Upload] = []
    for number, part in enumerate(message.iter_parts()):
        if number >= MAX_PARTS:
            raise MultipartError(f"more than {MAX_PARTS} parts")
        _read_part(part, fields, files)
    return fields, files


def _read_part(part: MIMEPart, fields: list[tuple[str, str]], files: list[Upload]) -> None:
    name = part.get_param("name", header="content-disposition")
    if not isinstance(name, str):
        raise MultipartError("a part without a field name")
    payload = part.get_payload(decode=True)
    data = payload if isinstance(payload, bytes) else b""
    filename = part.get_filename()
    if filename is None:
        fields.append((name, data.decode("utf-8", "replace")))
    elif filename or data:  # an empty file input sends a part with no name and no bytes
        files.append(Upload(name, filename, data))
