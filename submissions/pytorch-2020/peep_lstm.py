"""Peephole LSTM for the 2020 template (written for netgrade as an example).

Gates read the previous cell state; the cell input is a sigmoid of x alone:
f = σ(W_fx x + W_fh c + b_f), i = σ(W_ix x + W_ih c + b_i), o = σ(W_ox x + W_oh c + b_o),
c = σ(W_cx x + b_c) ⊙ i + c ⊙ f, h = tanh(c) ⊙ o, p = W_ph h(T) + b_p (log-probabilities).
Weights are stored [in, out] and applied as x @ W — the other common layout.
"""
import math

import torch
import torch.nn as nn


class peepLSTM(nn.Module):
    def __init__(self, seq_length, input_dim, hidden_dim, num_classes, batch_size, device):
        super(peepLSTM, self).__init__()
        self.hidden_dim = hidden_dim
        self.embed = nn.Embedding(3, 8)
        # the 2020 PDF: Kaiming-normal initialisation; weights stored [in, out] here, so fan-in is the first size
        kaiming = lambda *shape: nn.Parameter(torch.randn(*shape) * math.sqrt(2 / shape[0]))
        self.Wfx, self.Wfh, self.bf = kaiming(8, hidden_dim), kaiming(hidden_dim, hidden_dim), nn.Parameter(torch.zeros(hidden_dim))
        self.Wix, self.Wih, self.bi = kaiming(8, hidden_dim), kaiming(hidden_dim, hidden_dim), nn.Parameter(torch.zeros(hidden_dim))
        self.Wox, self.Woh, self.bo = kaiming(8, hidden_dim), kaiming(hidden_dim, hidden_dim), nn.Parameter(torch.zeros(hidden_dim))
        self.Wcx, self.bc = kaiming(8, hidden_dim), nn.Parameter(torch.zeros(hidden_dim))
        self.Wph, self.bp = kaiming(hidden_dim, num_classes), nn.Parameter(torch.zeros(num_classes))
        self.to(device)

    def forward(self, x):
        e = self.embed(x.squeeze(-1).long())                 # [B, T, E]
        c = torch.zeros(e.shape[0], self.hidden_dim, dtype=e.dtype, device=e.device)
        for t in range(e.shape[1]):
            xt = e[:, t]
            f = torch.sigmoid(xt @ self.Wfx + c @ self.Wfh + self.bf)
            i = torch.sigmoid(xt @ self.Wix + c @ self.Wih + self.bi)
            o = torch.sigmoid(xt @ self.Wox + c @ self.Woh + self.bo)
            c = torch.sigmoid(xt @ self.Wcx + self.bc) * i + c * f
            h = torch.tanh(c) * o
        return torch.log_softmax(h @ self.Wph + self.bp, dim=1)
