#!/usr/bin/env bash
# Text in single quotes keeps $Variables literally (Amazon Q substitutes them, not the shell).
# shellcheck disable=SC2016
# ChatOps Designer export: Instance failure
# Publishes the notification the input transformer renders from the design's sample event to the
# topic, as EventBridge would. TOPIC_ARN defaults to the design's topic in this account.
set -euo pipefail

fail() {
  echo "${0##*/}: $*" >&2
  exit 2
}
# matches NAME VALUE REGEX: the setting must match the regular expression.
matches() {
  [[ $2 =~ $3 ]] || fail "$1 must match $3 (got '$2')"
}

# --- Settings (defaults from the design)
# AWS Region of the deployments, the rule and the topic
REGION=${REGION-'us-east-1'}
# Name of the SNS topic the rule publishes to and the channel subscribes to
SNS_TOPIC_NAME=${SNS_TOPIC_NAME-'chatops-codedeploy-instances'}

matches REGION "$REGION" '^[a-z0-9-]{9,30}$'
matches SNS_TOPIC_NAME "$SNS_TOPIC_NAME" '^[A-Za-z0-9_-]{1,256}$'
MESSAGE='{
  "version": "1.0",
  "source": "custom",
  "content": {
    "textType": "client-markdown",
    "title": ":warning: Instance i-0f9e8d7c6b5a49382 failed in deployment d-2HB8R4TQW",
    "description": "*Instance:* `i-0f9e8d7c6b5a49382`\n*Deployment group:* my-service-dg-bluegreen\n*Region:* us-east-1\n*Time:* 2025-06-02T11:03:40Z",
    "nextSteps": ["Choose *Instance details* for the lifecycle events that failed", "Choose *Stop and roll back* to stop the deployment"],
    "keywords": ["CodeDeploy", "instance", "FAILURE"]
  },
  "metadata": {
    "threadId": "codedeploy-d-2HB8R4TQW",
    "additionalContext": {
      "ActionGroup": "instance-failure",
      "DeploymentId": "d-2HB8R4TQW",
      "InstanceId": "i-0f9e8d7c6b5a49382",
      "Region": "us-east-1"
    },
    "enableCustomActions": true
  }
}'
if [[ -z ${TOPIC_ARN-} ]]; then
  IDENTITY=$(aws sts get-caller-identity --query '[Account, Arn]' --output text)
  CALLER_ARN=${IDENTITY##*[[:space:]]}
  TOPIC_ARN="arn:$(cut -d: -f2 <<<"$CALLER_ARN"):sns:$REGION:${IDENTITY%%[[:space:]]*}:$SNS_TOPIC_NAME"
fi

aws sns publish --region "$REGION" --topic-arn "$TOPIC_ARN" --message "$MESSAGE"
