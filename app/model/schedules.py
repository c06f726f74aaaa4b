"""Own the learning-rate schedules: the η an update uses at a given epoch.

    constant      η
    step          η · 0.5^⌊epoch / N⌋           (halves every N epochs)
    exponential   η · 0.5^(epoch / N)           (halves smoothly every N epochs)
    cosine        η · ½(1 + cos(π · (epoch mod N) / N))   (from η down to 0 over N epochs, then again)
"""
import math

SCHEDULES = ("constant", "step", "exponential", "cosine")
SUBNORMAL_HALVINGS = 1022  # 0.5^x is a normal double below this


def scheduled_lr(lr, schedule, period, epoch):
    """The η of an update made during `epoch` (0-based)."""
    if schedule == "step":
        return math.ldexp(lr, -(epoch // period))  # lr·2^−k in one rounding: 0.5^k alone underflows first
    if schedule == "exponential":
        halvings = epoch / period
        if halvings < SUBNORMAL_HALVINGS:
            return lr * 0.5 ** halvings
        whole = math.floor(halvings)  # past it 0.5^x is subnormal or 0 while lr·0.5^x may not be
        return math.ldexp(lr * 0.5 ** (halvings - whole), -whole)
    if schedule == "cosine":
        return lr * 0.5 * (1.0 + math.cos(math.pi * (epoch % period) / period))
    return lr
