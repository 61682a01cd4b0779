"""LSTM for the 2020 template (written for netgrade as an example; not a student's code).

Equations (2020 PDF): g = tanh(W_gx x + W_gh h + b_g), i = σ(W_ix x + W_ih h + b_i),
f = σ(W_fx x + W_fh h + b_f), o = σ(W_ox x + W_oh h + b_o), c = g ⊙ i + c ⊙ f,
h = tanh(c) ⊙ o, p = W_ph h(T) + b_p; returns log-probabilities for train.py's NLLLoss.
"""

import torch
import torch.nn as nn

EMBEDDING = 16
VOCABULARY = 3  # pad, bit 0, bit 1


class LSTM(nn.Module):
    def __init__(self, seq_length, input_dim, hidden_dim, num_classes, batch_size, device):
        super(LSTM, self).__init__()
        self.seq_length = seq_length
        self.hidden_dim = hidden_dim
        self.device = device
        self.embedding = nn.Embedding(VOCABULARY, EMBEDDING)
        # the 2020 PDF: Kaiming-normal initialisation (weights [out, in]: fan-in is the second size), biases 0
        kaiming = lambda *shape: nn.Parameter(nn.init.kaiming_normal_(torch.empty(*shape), nonlinearity="relu"))
        for gate in "gifo":
            setattr(self, f"W_{gate}x", kaiming(hidden_dim, EMBEDDING))
            setattr(self, f"W_{gate}h", kaiming(hidden_dim, hidden_dim))
            setattr(self, f"b_{gate}", nn.Parameter(torch.zeros(hidden_dim)))
        self.W_ph = kaiming(num_classes, hidden_dim)
        self.b_p = nn.Parameter(torch.zeros(num_classes))
        self.to(device)

    def forward(self, x):
        tokens = x.reshape(x.shape[0], -1).long()            # [B, T]
        embedded = self.embedding(tokens)                    # [B, T, E]
        B = tokens.shape[0]
        h = torch.zeros(B, self.hidden_dim, device=embedded.device, dtype=embedded.dtype)
        c = torch.zeros_like(h)
        for t in range(tokens.shape[1]):
            e = embedded[:, t]                               # [B, E]
            g = torch.tanh(e @ self.W_gx.t() + h @ self.W_gh.t() + self.b_g)
            i = torch.sigmoid(e @ self.W_ix.t() + h @ self.W_ih.t() + self.b_i)
            f = torch.sigmoid(e @ self.W_fx.t() + h @ self.W_fh.t() + self.b_f)
            o = torch.sigmoid(e @ self.W_ox.t() + h @ self.W_oh.t() + self.b_o)
            c = g * i + c * f
            h = torch.tanh(c) * o
        p = h @ self.W_ph.t() + self.b_p                     # [B, C]
        return torch.log_softmax(p, dim=1)
