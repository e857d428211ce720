"""Evaluates IAM requests against identity policies with moto's policy evaluator.

Input (a JSON file named by the first argument): {"policies": [policy, ...], "requests":
[[action, resource], ...]}; a request may carry a third item, the request's condition keys
({"aws:SourceAccount": ..., "aws:SourceArn": ...}), which the statements' StringEquals conditions
are evaluated against. Output: a JSON list with one boolean per request, true when every policy
permits it and none denies it (a channel role and its guardrails intersect).
"""

import json
import sys

from moto.iam.access_control import IAMPolicy, PermissionResult


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        data = json.load(f)
    policies = [IAMPolicy(json.dumps(p)) for p in data["policies"]]
    results = []
    for request in data["requests"]:
        action, resource = request[0], request[1]
        context = request[2] if len(request) > 2 else {}
        verdicts = [p.is_action_permitted(action, resource, None, context) for p in policies]
        results.append(all(v == PermissionResult.PERMITTED for v in verdicts))
    print(json.dumps(results))


if __name__ == "__main__":
    main()
