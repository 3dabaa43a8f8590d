"""Spam checks without third parties: a honeypot, a signed time trap and a rate limit per address.

A suspected request is never dropped: it is stored, flagged with its reasons and sends no mail
to the client (contact/mail.py). Only an expired time trap stops a request (see
`TokenCheck.EXPIRED`). The cache (nonces, counters) may be down: every check then lets the
request through, logged, rather than turning a client away.
"""

import enum
import hashlib
import logging
import secrets
import time

from django.conf import settings
from django.core import signing
from django.core.cache import caches

from core.throttling import client_address

from .models import SpamReason

logger = logging.getLogger(__name__)

TOKEN_SALT = "contact.form_token"

# Why a request is suspected: the codes stored in ContactRequest.spam_reasons.
HONEYPOT = SpamReason.HONEYPOT
TOKEN_MISSING = SpamReason.TOKEN_MISSING
TOO_FAST = SpamReason.TOO_FAST
REPLAYED = SpamReason.REPLAYED
RATE_LIMITED = SpamReason.RATE_LIMITED


def _cache():
    return caches[settings.CONTACT_SPAM_CACHE]


def _now():
    return time.time()


# ---------------------------------------------------------------------------------------------
# The time trap: a signed nonce and the time the form was shown.


class TokenCheck(enum.Enum):
    VALID = "valid"
    MISSING = "missing"  # absent, malformed or tampered with
    TOO_FAST = "too_fast"
    EXPIRED = "expired"


def new_token():
    """A fresh `form_token` for a form shown now."""
    return signing.dumps({"nonce": secrets.token_urlsafe(16), "shown": _now()}, salt=TOKEN_SALT)


def check_token(token):
    """(TokenCheck, nonce or "") for a posted `form_token`."""
    try:
        data = signing.loads(token or "", salt=TOKEN_SALT)
        nonce, shown = str(data["nonce"]), float(data["shown"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return TokenCheck.MISSING, ""
    age = _now() - shown
    if age > settings.CONTACT_FORM_MAX_AGE_SECONDS:
        return TokenCheck.EXPIRED, nonce
    if age < settings.CONTACT_FORM_MIN_SECONDS:
        return TokenCheck.TOO_FAST, nonce
    return TokenCheck.VALID, nonce


def is_replay(nonce):
    """Whether a request with this nonce was stored before; remembers it for the token's
    lifetime (longer is not needed: an older token is expired anyway)."""
    try:
        first_use = _cache().add(
            f"contact:nonce:{nonce}", 1, timeout=settings.CONTACT_FORM_MAX_AGE_SECONDS
        )
    except Exception:
        logger.warning("Contact form: cache unavailable, replay check skipped", exc_info=True)
        return False
    return not first_use


# ---------------------------------------------------------------------------------------------
# The rate limit: requests per client address in a fixed window.


def is_rate_limited(request):
    """Counts a request from the client's address; True once it is over the limit in the
    current window (CONTACT_RATE_LIMIT requests per CONTACT_RATE_LIMIT_WINDOW seconds)."""
    address = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    window = settings.CONTACT_RATE_LIMIT_WINDOW
    key = f"contact:rate:{address}:{int(_now() // window)}"
    try:
        cache = _cache()
        cache.add(key, 0, timeout=window)
        count = cache.incr(key)
    except ValueError:
        # The key expired between add and incr: this is the first request of a new window.
        return False
    except Exception:
        logger.warning("Contact form: cache unavailable, rate limit skipped", exc_info=True)
        return False
    return count > settings.CONTACT_RATE_LIMIT


def suspicion_reasons(form, request):
    """Why a valid `form` looks like spam (SpamReason codes), counting it towards the rate
    limit and remembering its nonce. Call once per request that is stored."""
    reasons = []
    if form.cleaned_data.get("website"):
        reasons.append(HONEYPOT)
    token_check, nonce = form.token_check
    if token_check is TokenCheck.MISSING:
        reasons.append(TOKEN_MISSING)
    elif token_check is TokenCheck.TOO_FAST:
        reasons.append(TOO_FAST)
    if nonce and is_replay(nonce):
        reasons.append(REPLAYED)
    if is_rate_limited(request):
        reasons.append(RATE_LIMITED)
    return reasons
