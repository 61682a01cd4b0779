"""LSTM for the fall-2019 template (written for netgrade as an example; not a student's code).

The gates of all years' equations, x(t) the one-hot code of the digit, weights [out, in]
as in the assignment, h(0) = c(0) = 0; returns logits (the 2019 template leaves the loss open).
"""
import torch
import torch.nn as nn

DIGITS = 10


class LSTM(nn.Module):

    def __init__(self, seq_length, input_dim, num_hidden, num_classes, device='cpu'):
        super(LSTM, self).__init__()
        self.num_hidden = num_hidden
        scale = num_hidden ** -0.5
        for gate in "gifo":
            self.register_parameter(f"W_{gate}x", nn.Parameter(torch.randn(num_hidden, DIGITS) * scale))
            self.register_parameter(f"W_{gate}h", nn.Parameter(torch.randn(num_hidden, num_hidden) * scale))
            self.register_parameter(f"b_{gate}", nn.Parameter(torch.zeros(num_hidden)))
        self.W_ph = nn.Parameter(torch.randn(num_classes, num_hidden) * scale)
        self.b_p = nn.Parameter(torch.zeros(num_classes))
        self.to(device)

    def forward(self, x):
        digits = torch.nn.functional.one_hot(x.long(), DIGITS).to(self.W_ph.dtype)   # [B, T, 10]
        h = torch.zeros(x.shape[0], self.num_hidden, dtype=digits.dtype, device=x.device)
        c = torch.zeros_like(h)
        for t in range(x.shape[1]):
            xt = digits[:, t]
            g = torch.tanh(xt @ self.W_gx.t() + h @ self.W_gh.t() + self.b_g)
            i = torch.sigmoid(xt @ self.W_ix.t() + h @ self.W_ih.t() + self.b_i)
            f = torch.sigmoid(xt @ self.W_fx.t() + h @ self.W_fh.t() + self.b_f)
            o = torch.sigmoid(xt @ self.W_ox.t() + h @ self.W_oh.t() + self.b_o)
            c = g * i + c * f
            h = torch.tanh(c) * o
        return h @ self.W_ph.t() + self.b_p
