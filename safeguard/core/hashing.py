import hashlib


def sha256_hex(value: str) -> str:
    """Digest for secrets we must recognise but never keep: tokens and API keys."""
    return hashlib.sha256(value.encode()).hexdigest()
