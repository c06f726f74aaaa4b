"""Own the learning-rate schedules: the η an update uses at a given epoch.

    constant      η
    step          η · 0.5^⌊epoch / N⌋           (halves every N epochs)
    exponential   η · 0.5^(epoch / N)           (halves smoothly every N epochs)
    cosine        η · ½(1 + cos(π · (epoch mod N) / N))   (from η down to 0 over N epochs, then again)
"""
import math

SCHEDULES = ("constant", "step", "exponential", "cosine")


def scheduled_lr(lr, schedule, period, epoch):
    """The η of an update made during `epoch` (0-based)."""
    if schedule == "step":
        return lr * 0.5 ** (epoch // period)
    if schedule == "exponential":
        return lr * 0.5 ** (epoch / period)
    if schedule == "cosine":
        return lr * 0.5 * (1.0 + math.cos(math.pi * (epoch % period) / period))
    return lr
