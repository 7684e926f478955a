# The SimpleNN of "Understanding Backpropagation: A Deep Dive into the Core of Neural Network Training",
# with the fixed weights of backprop_lab.examples.SIMPLE_NN instead of random ones, and prints added.
# Run with PyTorch 2.13.0 (CPU): python docs/pytorch/simple_nn.py
import torch


class SimpleNN(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(2, 2)
        self.fc2 = torch.nn.Linear(2, 1)

    def forward(self, x):
        x = torch.relu(self.fc1(x))
        x = self.fc2(x)
        return x


model = SimpleNN()
with torch.no_grad():  # fixed weights, so that every run prints the same numbers
    model.fc1.weight.copy_(torch.tensor([[0.5, -0.4], [0.3, 0.4]]))
    model.fc1.bias.copy_(torch.tensor([0.2, -0.1]))
    model.fc2.weight.copy_(torch.tensor([[0.6, -0.3]]))
    model.fc2.bias.copy_(torch.tensor([0.2]))
criterion = torch.nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)

inputs = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
targets = torch.tensor([[1.0], [2.0]])

outputs = model(inputs)
loss = criterion(outputs, targets)
print("outputs:", outputs.detach().flatten().tolist())
print("loss:", loss.item())

loss.backward()
for name, p in model.named_parameters():
    print(f"{name}.grad:", p.grad.tolist())

optimizer.step()
for name, p in model.named_parameters():
    print(f"{name} after the step:", p.detach().tolist())

print("loss after the step:", criterion(model(inputs), targets).item())
