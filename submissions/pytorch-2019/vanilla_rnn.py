"""Vanilla RNN for the fall-2019 template (written for netgrade as an example; not a student's code).

h(t) = tanh(U x(t) + W h(t−1) + b_h), p = V h(T) + b_p, with x(t) the one-hot code of the
digit (train.py feeds the raw digits [B, T] as floats); returns logits. Weights stored
[in, out] and applied as x @ U.
"""
import torch
import torch.nn as nn

DIGITS = 10


class VanillaRNN(nn.Module):

    def __init__(self, seq_length, input_dim, num_hidden, num_classes, device='cpu'):
        super(VanillaRNN, self).__init__()
        self.num_hidden = num_hidden
        scale = num_hidden ** -0.5
        self.U = nn.Parameter(torch.randn(DIGITS, num_hidden) * scale)
        self.W = nn.Parameter(torch.randn(num_hidden, num_hidden) * scale)
        self.b_h = nn.Parameter(torch.zeros(num_hidden))
        self.V = nn.Parameter(torch.randn(num_hidden, num_classes) * scale)
        self.b_p = nn.Parameter(torch.zeros(num_classes))
        self.to(device)

    def forward(self, x):
        digits = torch.nn.functional.one_hot(x.long(), DIGITS).to(self.U.dtype)   # [B, T, 10]
        h = torch.zeros(x.shape[0], self.num_hidden, dtype=self.U.dtype, device=x.device)
        for t in range(x.shape[1]):
            h = torch.tanh(digits[:, t] @ self.U + h @ self.W + self.b_h)
        return h @ self.V + self.b_p
