"""Files a partner sends the MASH (with an answer, or with a notification): checked by their
bytes, not their names, and stored under a name of ours outside the web root."""

from uuid import uuid4

import filetype
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile

from safeguard.core.errors import DomainError

# What a partner may attach, by the type its content shows, and the extensions that type uses.
ALLOWED_ATTACHMENTS = {
    "application/pdf": {".pdf"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {".docx"},
    "image/png": {".png"},
    "image/jpeg": {".jpg", ".jpeg"},
}
MAX_NAME = 200


def attachment_check(upload: UploadedFile) -> str:
    """The content type the file's bytes show, if it is allowed and matches its name."""
    if len(upload.name or "") > MAX_NAME:
        raise DomainError(
            f"A file name can be at most {MAX_NAME} characters: rename the file and attach it "
            "again",
            field="attachments",
        )
    if upload.size is None or upload.size > settings.ATTACHMENT_MAX_BYTES:
        limit = settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)
        raise DomainError(f"{upload.name} is larger than {limit} MB", field="attachments")
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    name = (upload.name or "").lower()
    extension = name[name.rfind(".") :] if "." in name else ""
    if kind is None or kind.mime not in ALLOWED_ATTACHMENTS:
        raise DomainError(
            f"{upload.name} must be a PDF, Word document (DOCX), PNG or JPEG",
            field="attachments",
        )
    if extension not in ALLOWED_ATTACHMENTS[kind.mime]:
        raise DomainError(
            f"{upload.name} is named as one kind of file but is another", field="attachments"
        )
    return str(kind.mime)


def attachment_store(upload: UploadedFile, *, folder: str) -> str:
    """Store a checked file under a name of ours (the sender's is kept, not trusted as a
    path); returns the stored name."""
    original = upload.name or "attachment"
    name = f"{folder}{uuid4().hex}{original[original.rfind('.') :].lower()}"
    return str(default_storage.save(name, upload))
