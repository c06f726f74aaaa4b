"""The course's 2–2–1 walkthrough computed by hand: math.exp only, no project code."""
import math


def sig(t):
    return 1.0 / (1.0 + math.exp(-t))


def walkthrough_by_hand():
    """One forward, backward and update of the 2–2–1 walkthrough, with math.exp only."""
    x1, x2, y, lr = 0.05, 0.10, 0.01, 0.5
    w11, w12, w21, w22, b1, b2 = 0.15, 0.20, 0.25, 0.30, 0.35, 0.35
    v1, v2, c = 0.40, 0.45, 0.60
    z1 = w11 * x1 + w12 * x2 + b1
    z2 = w21 * x1 + w22 * x2 + b2
    a1, a2 = sig(z1), sig(z2)
    z_out = v1 * a1 + v2 * a2 + c
    y_hat = sig(z_out)
    loss = 0.5 * (y - y_hat) ** 2
    dL_dyhat = y_hat - y
    dz_out = dL_dyhat * y_hat * (1 - y_hat)
    dv1, dv2, dc = a1 * dz_out, a2 * dz_out, dz_out
    da1, da2 = v1 * dz_out, v2 * dz_out
    dz1, dz2 = da1 * a1 * (1 - a1), da2 * a2 * (1 - a2)
    dw11, dw12, dw21, dw22, db1, db2 = dz1 * x1, dz1 * x2, dz2 * x1, dz2 * x2, dz1, dz2
    return {
        "z": [[z1, z2], [z_out]], "a": [[a1, a2], [y_hat]], "y_hat": y_hat, "loss": loss,
        "dL_dyhat": dL_dyhat, "da": [[da1, da2], [dL_dyhat]], "dz": [[dz1, dz2], [dz_out]],
        "dW": [[[dw11, dw12], [dw21, dw22]], [[dv1, dv2]]], "db": [[db1, db2], [dc]],
        "W_new": [[[w11 - lr * dw11, w12 - lr * dw12], [w21 - lr * dw21, w22 - lr * dw22]],
                  [[v1 - lr * dv1, v2 - lr * dv2]]],
        "b_new": [[b1 - lr * db1, b2 - lr * db2], [c - lr * dc]],
    }
