"""The command line: ``python -m backprop_lab explain`` (or ``backprop-lab explain``).

With no options it prints the worked example of "Understanding Backpropagation
in Deep Learning Networks" (``examples.CHAIN``): the 1-1-1 sigmoid network with
w_{2,1} = 0.2, b_2 = 0.1, w_{3,2} = 0.3, b_3 = 0.1, input x = 0.2, target T = 0.7 and
learning rate η = 0.1. Other networks::

    backprop-lab explain --weights '[[[0.5, -0.2], [0.1, 0.4]], [[0.3, 0.6]]]' \\
        --biases '[[0, 0], [0.1]]' --activation tanh sigmoid --x 1 0 --target 1
    backprop-lab explain --network net.json --x 1 0 --target 1 --loss mse --format markdown

``net.json`` holds ``Network.to_dict()``.

``classroom-link`` prints the nbgitpuller link for a university's JupyterHub (see ``classroom.py``)::

    backprop-lab classroom-link --hub https://hub.example.edu

Bad input prints one ``error: ...`` line to stderr and exits with status 2.
"""

import argparse
import json
import sys

from .activations import ACTIVATIONS
from .classroom import DEFAULT_REPO, FIRST_NOTEBOOK, INTERFACES, classroom_link
from .examples import CHAIN
from .explain import explain
from .losses import LOSSES
from .network import Network


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, no usage block
        self.exit(2, f"error: {message}\n")


def _parser():
    parser = _Parser(prog="backprop-lab", description="See backpropagation happen, number by number.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    p = commands.add_parser("explain", help="print one step of backpropagation, every number worked out",
                            description="Print one step of backpropagation on one sample: forward pass, loss,"
                            " every δ, every gradient, every update, and a check. Without a network:"
                            " the 1-1-1 example of 'Understanding Backpropagation in Deep Learning Networks'"
                            " (x 0.2, T 0.7, η 0.1).")
    p.add_argument("--network", metavar="FILE.json", help="a network saved from Network.to_dict()")
    p.add_argument("--weights", metavar="JSON",
                   help="weights[l] of shape (n_out, n_in): '[[[0.2]], [[0.3]]]'")
    p.add_argument("--biases", metavar="JSON", help="biases[l] of shape (n_out,), e.g. '[[0.1], [0.1]]'")
    p.add_argument("--activation", nargs="+", metavar="NAME",
                   help=f"one name, or one per weight layer: {', '.join(ACTIVATIONS)} (default sigmoid)")
    p.add_argument("--x", nargs="+", type=float, metavar="X", help="the input sample")
    p.add_argument("--target", nargs="+", type=float, metavar="T", help="the desired output")
    p.add_argument("--lr", type=float, default=CHAIN.lr, help=f"the learning rate η (default {CHAIN.lr})")
    p.add_argument("--loss", choices=list(LOSSES), default="half_sse", help="the loss (default half_sse)")
    p.add_argument("--format", choices=("text", "markdown"), default="text")
    p.add_argument("--digits", type=int, default=6, help="significant digits shown (default 6)")
    c = commands.add_parser("classroom-link",
                            help="print the link that gives a class the notebooks on a JupyterHub",
                            description="Print the nbgitpuller link for a JupyterHub: one click pulls the"
                            " notebooks into each student's home and opens the index; a later click merges"
                            " new commits and keeps the student's own changes. The hub's image needs"
                            " nbgitpuller (binder/requirements.txt has it).")
    c.add_argument("--hub", required=True, metavar="URL", help="the hub's address, e.g. https://hub.example.edu")
    c.add_argument("--repo", default=DEFAULT_REPO, metavar="GIT_URL",
                   help=f"the repository to pull, e.g. your fork (default {DEFAULT_REPO})")
    c.add_argument("--branch", default="main", help="the branch to pull (default main)")
    c.add_argument("--notebook", default=FIRST_NOTEBOOK, metavar="PATH",
                   help=f"the notebook to open, relative to the repository (default {FIRST_NOTEBOOK})")
    c.add_argument("--open", dest="interface", choices=list(INTERFACES), default="lab",
                   help="open it in JupyterLab (default), Jupyter Notebook or Voilà")
    c.add_argument("--folder", metavar="NAME",
                   help="the folder in each student's home (default: the repository's name)")
    return parser


def _json(option, text):
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"{option} is not valid JSON: {error}") from None


def _problem(args):
    """The network, x and target the arguments describe; ValueError/TypeError if they do not fit."""
    names = args.activation or ["sigmoid"]
    activation = names[0] if len(names) == 1 else names
    if args.network is not None:
        if args.weights is not None or args.biases is not None or args.activation:
            raise ValueError("--network already holds weights, biases and activations; leave out the others")
        try:
            with open(args.network, encoding="utf-8") as file:
                text = file.read()
        except OSError as error:
            raise ValueError(f"cannot read --network {args.network}: {error.strerror}") from None
        d = _json("--network", text)
        try:
            net = Network.from_dict(d)
        except (ValueError, TypeError) as error:  # from_dict names its argument d; say which file
            raise type(error)(
                f"--network {args.network} is not a network saved from Network.to_dict(): {error}"
            ) from None
    elif args.weights is not None or args.biases is not None:
        if args.weights is None or args.biases is None:
            raise ValueError("--weights and --biases go together: give both")
        weights, biases = _json("--weights", args.weights), _json("--biases", args.biases)
        net = Network.from_weights(weights, biases, activation)
    else:
        net = Network.from_weights(CHAIN.weights, CHAIN.biases, activation)
        return net, args.x or list(CHAIN.x), args.target or list(CHAIN.T)
    for option in ("x", "target"):
        if getattr(args, option) is None:
            raise ValueError(f"--{option} is needed with --network or --weights")
    return net, args.x, args.target


def main(argv=None):
    """Run the command line; returns 0, or exits with status 2 after one ``error:`` line."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "classroom-link":
        try:
            link = classroom_link(args.hub, args.repo, args.branch, args.notebook, args.interface,
                                  args.folder)
        except (ValueError, TypeError) as error:
            parser.error(" ".join(str(error).split()))
        print(link)
        return 0
    try:
        net, x, target = _problem(args)
        derivation = explain(net, x, target, lr=args.lr, loss=args.loss, digits=args.digits)
    except (ValueError, TypeError) as error:
        parser.error(" ".join(str(error).split()))
    print(derivation.to_markdown() if args.format == "markdown" else derivation.to_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
