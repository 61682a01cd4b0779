"""Bidirectional LSTM for the 2020 template (written for netgrade as an example; not a student's code).

Each direction is its own LSTMCell (the template's helper, forward(x, c, h)) with its own
parameters, held as the submodules `forward_cell` and `backward_cell`. The forward cell reads
t = 1 … T, the backward cell t = T … 1, both from zeros; the classifier reads
H = [h_fwd(T) ; h_bwd after the first token] (2H features): p = W_ph H + b_p with W_ph [C, 2H],
returned as log-probabilities for train.py's NLLLoss. The random combinations' numbers
0 … L−1 are also its classes, so the embedding has num_classes rows.
"""
import math

import torch
import torch.nn as nn

EMBEDDING = 16


class LSTMCell(nn.Module):
    """One LSTM step, weights [out, in] as in the PDF: (x [B, E], c, h [B, H]) → (c, h)."""

    def __init__(self, seq_length, input_dim, hidden_dim, num_classes, batch_size, device):
        super(LSTMCell, self).__init__()
        # the 2020 PDF: Kaiming-normal initialisation (weights [out, in]); this example also opens the forget gate (b_f = 1)
        kaiming = lambda *shape: nn.Parameter(torch.randn(*shape) * math.sqrt(2 / shape[1]))
        self.W_gx, self.W_gh, self.b_g = kaiming(hidden_dim, input_dim), kaiming(hidden_dim, hidden_dim), nn.Parameter(torch.zeros(hidden_dim))
        self.W_ix, self.W_ih, self.b_i = kaiming(hidden_dim, input_dim), kaiming(hidden_dim, hidden_dim), nn.Parameter(torch.zeros(hidden_dim))
        self.W_fx, self.W_fh, self.b_f = kaiming(hidden_dim, input_dim), kaiming(hidden_dim, hidden_dim), nn.Parameter(torch.ones(hidden_dim))
        self.W_ox, self.W_oh, self.b_o = kaiming(hidden_dim, input_dim), kaiming(hidden_dim, hidden_dim), nn.Parameter(torch.zeros(hidden_dim))

    def forward(self, x, c, h):
        g = torch.tanh(x @ self.W_gx.t() + h @ self.W_gh.t() + self.b_g)
        i = torch.sigmoid(x @ self.W_ix.t() + h @ self.W_ih.t() + self.b_i)
        f = torch.sigmoid(x @ self.W_fx.t() + h @ self.W_fh.t() + self.b_f)
        o = torch.sigmoid(x @ self.W_ox.t() + h @ self.W_oh.t() + self.b_o)
        c = g * i + c * f
        return c, torch.tanh(c) * o


class biLSTM(nn.Module):

    def __init__(self, seq_length, input_dim, hidden_dim, num_classes, batch_size, device):
        super(biLSTM, self).__init__()
        self.hidden_dim = hidden_dim
        self.embedding = nn.Embedding(num_classes, EMBEDDING)
        self.forward_cell = LSTMCell(seq_length, EMBEDDING, hidden_dim, num_classes, batch_size, device)
        self.backward_cell = LSTMCell(seq_length, EMBEDDING, hidden_dim, num_classes, batch_size, device)
        self.W_ph = nn.Parameter(torch.randn(num_classes, 2 * hidden_dim) * math.sqrt(1 / hidden_dim))   # [C, 2H], Kaiming: fan-in 2H
        self.b_p = nn.Parameter(torch.zeros(num_classes))
        self.to(device)

    def forward(self, x):
        e = self.embedding(x.reshape(x.shape[0], -1).long())          # [B, T, E]
        zeros = torch.zeros(e.shape[0], self.hidden_dim, dtype=e.dtype, device=e.device)
        c_fwd, h_fwd = zeros, zeros
        for t in range(e.shape[1]):
            c_fwd, h_fwd = self.forward_cell(e[:, t], c_fwd, h_fwd)
        c_bwd, h_bwd = zeros, zeros
        for t in reversed(range(e.shape[1])):
            c_bwd, h_bwd = self.backward_cell(e[:, t], c_bwd, h_bwd)
        both = torch.cat([h_fwd, h_bwd], dim=1)                        # [B, 2H]
        return torch.log_softmax(both @ self.W_ph.t() + self.b_p, dim=1)
