"""LSTM for the 2018 template (written for netgrade as an example; not a student's code).

The digit goes in as it is (x [B, T] float raw digits, input_dim 1), so every W_?x has a
single input row. Weights stored [in, out] and applied as x @ W; the states are sized by the
constructor's batch_size; the forget gate's bias starts at 1; returns logits.
    g = tanh(x W_gx + h W_gh + b_g)     i = σ(x W_ix + h W_ih + b_i)
    f = σ(x W_fx + h W_fh + b_f)        o = σ(x W_ox + h W_oh + b_o)
    c = g ⊙ i + c ⊙ f                   h = tanh(c) ⊙ o            p = h(T) W_ph + b_p
"""
import torch
import torch.nn as nn


class LSTM(nn.Module):

    def __init__(self, seq_length, input_dim, num_hidden, num_classes, batch_size, device='cpu'):
        super(LSTM, self).__init__()
        self.seq_length = seq_length
        self.num_hidden = num_hidden
        self.batch_size = batch_size
        std = num_hidden ** -0.5
        weights = lambda rows: nn.Parameter(torch.randn(rows, num_hidden) * std)
        self.W_gx, self.W_gh, self.b_g = weights(input_dim), weights(num_hidden), nn.Parameter(torch.zeros(num_hidden))
        self.W_ix, self.W_ih, self.b_i = weights(input_dim), weights(num_hidden), nn.Parameter(torch.zeros(num_hidden))
        self.W_fx, self.W_fh, self.b_f = weights(input_dim), weights(num_hidden), nn.Parameter(torch.ones(num_hidden))
        self.W_ox, self.W_oh, self.b_o = weights(input_dim), weights(num_hidden), nn.Parameter(torch.zeros(num_hidden))
        self.W_ph = nn.Parameter(torch.randn(num_hidden, num_classes) * std)    # [H, K]
        self.b_p = nn.Parameter(torch.zeros(num_classes))
        self.to(device)

    def forward(self, x):
        h = torch.zeros(self.batch_size, self.num_hidden, dtype=self.W_gh.dtype, device=self.W_gh.device)
        c = torch.zeros_like(h)
        for t in range(self.seq_length):
            digit = x[:, t].unsqueeze(1).to(h.dtype)                            # [B, 1]
            g = torch.tanh(digit @ self.W_gx + h @ self.W_gh + self.b_g)        # [B, H]
            i = torch.sigmoid(digit @ self.W_ix + h @ self.W_ih + self.b_i)
            f = torch.sigmoid(digit @ self.W_fx + h @ self.W_fh + self.b_f)
            o = torch.sigmoid(digit @ self.W_ox + h @ self.W_oh + self.b_o)
            c = g * i + c * f
            h = torch.tanh(c) * o
        return h @ self.W_ph + self.b_p                                         # [B, K]
