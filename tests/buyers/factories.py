from buyers.models import InquiryMessage
from tests.factories import InquiryMessageFactory


def quote_message(inquiry, **kwargs) -> InquiryMessage:
    """A vendor reply carrying a pending quote."""
    owner = inquiry.vendor.members.first().user
    defaults = {
        "inquiry": inquiry,
        "sender": owner,
        "side": InquiryMessage.Side.VENDOR,
        "body": "Harga kami per pak.",
        "quote_unit_price": "4.50",
        "quote_currency": "QAR",
        "quote_incoterm": "CIF",
        "quote_lead_time_days": 30,
        "quote_status": InquiryMessage.QuoteStatus.PENDING,
    }
    return InquiryMessageFactory(**{**defaults, **kwargs})
