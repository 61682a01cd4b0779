"""Vanilla RNN for the 2018 template (written for netgrade as an example; not a student's code).

The digit goes in as it is: the template's train.py feeds x [B, T] float raw digits with
input_dim 1, so x(t) is one number per sequence and W_hx has a single input row.
h(t) = tanh(x(t) W_hx + h(t−1) W_hh + b_h), p = h(T) W_ph + b_p; weights stored [in, out]
and applied as x @ W; the state is sized by the constructor's batch_size; returns logits.
"""
import torch
import torch.nn as nn


class VanillaRNN(nn.Module):

    def __init__(self, seq_length, input_dim, num_hidden, num_classes, batch_size, device='cpu'):
        super(VanillaRNN, self).__init__()
        self.seq_length = seq_length
        self.num_hidden = num_hidden
        self.batch_size = batch_size
        std = num_hidden ** -0.5
        self.W_hx = nn.Parameter(torch.randn(input_dim, num_hidden) * std)      # [1, H]
        self.W_hh = nn.Parameter(torch.randn(num_hidden, num_hidden) * std)     # [H, H]
        self.b_h = nn.Parameter(torch.zeros(num_hidden))
        self.W_ph = nn.Parameter(torch.randn(num_hidden, num_classes) * std)    # [H, K]
        self.b_p = nn.Parameter(torch.zeros(num_classes))
        self.to(device)

    def forward(self, x):
        h = torch.zeros(self.batch_size, self.num_hidden, dtype=self.W_hh.dtype, device=self.W_hh.device)
        for t in range(self.seq_length):
            digit = x[:, t].unsqueeze(1).to(self.W_hx.dtype)                   # [B, 1]
            h = torch.tanh(digit @ self.W_hx + h @ self.W_hh + self.b_h)        # [B, H]
        return h @ self.W_ph + self.b_p                                         # [B, K]
