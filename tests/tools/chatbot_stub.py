"""A local stand-in for the Amazon Q Developer in chat applications (chatbot) REST-JSON API.

moto has no chatbot service, so the exported CLI script's chatbot calls go here (through the real
AWS CLI, with AWS_ENDPOINT_URL_CHATBOT). It keeps custom actions, Slack channel configurations and
associations (Slack and Microsoft Teams) in memory, answers as the API model says, and appends every request as one JSON line
{"op": ..., "body": ...} to the file named on the command line.

Usage: python3 chatbot_stub.py PORT RECORD_FILE
"""

import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ACCOUNT = "123456789012"
actions = {}
configs = {}
associations = {}


def action_arn(name):
    return f"arn:aws:chatbot::{ACCOUNT}:custom-action/{name}"


def config_view(c):
    if "TenantId" in c:
        return teams_view(c)
    return {
        "SlackTeamName": "workspace",
        "SlackTeamId": c["SlackTeamId"],
        "SlackChannelId": c["SlackChannelId"],
        "SlackChannelName": "channel",
        "ChatConfigurationArn": c["ChatConfigurationArn"],
        "IamRoleArn": c["IamRoleArn"],
        "SnsTopicArns": c.get("SnsTopicArns", []),
        "ConfigurationName": c["ConfigurationName"],
        "LoggingLevel": c.get("LoggingLevel", "NONE"),
        "GuardrailPolicyArns": c.get("GuardrailPolicyArns", []),
    }


def teams_view(c):
    """A TeamsChannelConfiguration as the API model gives it."""
    return {
        "ChannelId": c["ChannelId"],
        "ChannelName": "channel",
        "TeamId": c["TeamId"],
        "TeamName": "team",
        "TenantId": c["TenantId"],
        "ChatConfigurationArn": c["ChatConfigurationArn"],
        "IamRoleArn": c["IamRoleArn"],
        "SnsTopicArns": c.get("SnsTopicArns", []),
        "ConfigurationName": c["ConfigurationName"],
        "LoggingLevel": c.get("LoggingLevel", "NONE"),
        "GuardrailPolicyArns": c.get("GuardrailPolicyArns", []),
    }


def not_found(what):
    return 404, {"Message": f"{what} not found"}, "ResourceNotFoundException"


def create_config(body, kind):
    """A Slack or Teams channel configuration created under its name (`kind` in its ARN)."""
    arn = f"arn:aws:chatbot::{ACCOUNT}:chat-configuration/{kind}/{body['ConfigurationName']}"
    if arn in configs:
        return 409, {"Message": "exists"}, "ConflictException"
    c = dict(body)
    c["ChatConfigurationArn"] = arn
    configs[arn] = c
    return 201, {"ChannelConfiguration": config_view(c)}, None


def update_config(body):
    arn = body["ChatConfigurationArn"]
    if arn not in configs:
        return not_found(arn)
    configs[arn].update(body)
    return 200, {"ChannelConfiguration": config_view(configs[arn])}, None


def handle(op, body):
    if op == "get-custom-action":
        a = actions.get(body["CustomActionArn"])
        if a is None:
            return not_found(body["CustomActionArn"])
        return 200, {"CustomAction": a}, None
    if op == "create-custom-action":
        arn = action_arn(body["ActionName"])
        if arn in actions:
            return 409, {"Message": "exists"}, "ConflictException"
        a = dict(body)
        a.pop("ClientToken", None)
        a.pop("Tags", None)
        a["CustomActionArn"] = arn
        actions[arn] = a
        return 201, {"CustomActionArn": arn}, None
    if op == "update-custom-action":
        arn = body["CustomActionArn"]
        if arn not in actions:
            return not_found(arn)
        a = dict(body)
        a["ActionName"] = actions[arn]["ActionName"]
        actions[arn] = a
        return 200, {"CustomActionArn": arn}, None
    if op == "describe-slack-channel-configurations":
        listed = [config_view(c) for c in configs.values() if "TenantId" not in c]
        return 200, {"SlackChannelConfigurations": listed}, None
    if op == "create-slack-channel-configuration":
        return create_config(body, "slack-channel")
    if op == "update-slack-channel-configuration":
        return update_config(body)
    # Microsoft Teams: the request paths are /…-ms-teams-channel-configuration(s), not the CLI's names.
    if op == "list-ms-teams-channel-configurations":
        listed = [teams_view(c) for c in configs.values() if "TenantId" in c]
        return 200, {"TeamChannelConfigurations": listed}, None
    if op == "create-ms-teams-channel-configuration":
        return create_config(body, "microsoft-teams-channel")
    if op == "update-ms-teams-channel-configuration":
        return update_config(body)
    if op == "list-associations":
        return 200, {"Associations": [{"Resource": r} for r in associations.get(body["ChatConfiguration"], [])]}, None
    if op == "associate-to-configuration":
        if body["Resource"] not in actions:
            return not_found(body["Resource"])
        associations.setdefault(body["ChatConfiguration"], []).append(body["Resource"])
        return 201, {}, None
    return 400, {"Message": f"the stub does not implement {op}"}, "InvalidRequestException"


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b"{}"
        body = json.loads(raw or b"{}")
        op = self.path.strip("/").split("?")[0]
        with open(sys.argv[2], "a", encoding="utf-8") as f:
            f.write(json.dumps({"op": op, "body": body}, ensure_ascii=False) + "\n")
        status, payload, error = handle(op, body)
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        if error:
            self.send_header("x-amzn-ErrorType", error)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
