"""The signature of a webhook event: standard library only, so a partner can copy it.

    Factcheck-Signature: t=<unix time>,v1=<hex HMAC-SHA256(secret, "<t>." + body)>

The time is inside what is signed, so a captured event cannot be replayed later with a
new time; receivers refuse a `t` more than `TOLERANCE_SECONDS` away from their clock and
remember the `Factcheck-Delivery` ids they have seen (a retry reuses the id).
"""

import hashlib
import hmac

TOLERANCE_SECONDS = 300
HEADER = "Factcheck-Signature"


def signature(secret: str, timestamp: int, body: bytes) -> str:
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(secret: str, timestamp: int, body: bytes) -> str:
    return f"t={timestamp},v1={signature(secret, timestamp, body)}"


def verify(secret: str, header: str, body: bytes, *, now: float) -> bool:
    """What a receiver does (README, Webhooks): parse, check the time, compare in constant time."""
    parts = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs(now - timestamp) > TOLERANCE_SECONDS:
        return False
    return hmac.compare_digest(signature(secret, timestamp, body), parts.get("v1", ""))
