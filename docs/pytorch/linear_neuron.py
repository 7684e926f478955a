# The autograd example of "Backpropagation: How Networks Learn" (w = 2, x = 5, y = 12, L = (y − ŷ)²),
# as the article writes it. Run with PyTorch 2.13.0 (CPU): python docs/pytorch/linear_neuron.py
import torch

w = torch.tensor([2.0], requires_grad=True)
x = torch.tensor([5.0])
y_actual = torch.tensor([12.0])

y_pred = w * x
loss = (y_actual - y_pred) ** 2
loss.backward()

print(f"Gradient of loss w.r.t w: {w.grad}")
