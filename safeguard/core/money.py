"""Amounts of money as people type them: "35", "35.50", "£1,250"."""

from decimal import Decimal, InvalidOperation


def pence_from_pounds(text: str) -> int:
    """Pence, from pounds as typed; a ValueError says how to write it."""
    try:
        pounds = Decimal((text or "").strip().replace("£", "").replace(",", ""))
    except InvalidOperation:
        raise ValueError("Enter an amount in pounds, like 35 or 35.50") from None
    if not pounds.is_finite() or pounds < 0 or pounds != pounds.quantize(Decimal("0.01")):
        raise ValueError("Enter an amount in pounds, like 35 or 35.50")
    return int(pounds * 100)
