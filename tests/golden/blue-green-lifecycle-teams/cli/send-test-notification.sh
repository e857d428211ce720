#!/usr/bin/env bash
# Text in single quotes keeps $Variables literally (Amazon Q substitutes them, not the shell).
# shellcheck disable=SC2016
# ChatOps Designer export: Blue/green lifecycle: one thread per deployment
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
SNS_TOPIC_NAME=${SNS_TOPIC_NAME-'chatops-codedeploy'}

matches REGION "$REGION" '^[a-z0-9-]{9,30}$'
matches SNS_TOPIC_NAME "$SNS_TOPIC_NAME" '^[A-Za-z0-9_-]{1,256}$'
if [[ -z ${TOPIC_ARN-} ]]; then
  IDENTITY=$(aws sts get-caller-identity --query '[Account, Arn]' --output text)
  CALLER_ARN=${IDENTITY##*[[:space:]]}
  TOPIC_ARN="arn:$(cut -d: -f2 <<<"$CALLER_ARN"):sns:$REGION:${IDENTITY%%[[:space:]]*}:$SNS_TOPIC_NAME"
fi

# The message of rule codedeploy-bluegreen-start
MESSAGE='{
  "version": "1.0",
  "source": "custom",
  "content": {
    "textType": "client-markdown",
    "title": ":arrow_forward: Deployment d-7QX2K9LMN started",
    "description": "*Deployment group:* my-service-dg-bluegreen\n*Deployment ID:* d-7QX2K9LMN\n*Time:* 2025-06-02T10:00:05Z",
    "nextSteps": ["Follow this thread: the green environment is announced here when it is ready for validation"],
    "keywords": ["CodeDeploy", "START"]
  },
  "metadata": {
    "threadId": "codedeploy-d-7QX2K9LMN",
    "summary": "Deployment d-7QX2K9LMN started",
    "additionalContext": {
      "DeploymentId": "d-7QX2K9LMN",
      "Region": "us-east-1"
    }
  }
}'
aws sns publish --region "$REGION" --topic-arn "$TOPIC_ARN" --message "$MESSAGE"

# The message of rule codedeploy-bluegreen-ready
MESSAGE='{
  "version": "1.0",
  "source": "custom",
  "content": {
    "textType": "client-markdown",
    "title": ":large_blue_circle::large_green_circle: Deployment is now ready for validation",
    "description": "*Account:* 123456789012\n*Region:* us-east-1\n*Deployment group:* my-service-dg-bluegreen\n*Deployment ID:* d-7QX2K9LMN\n*Time:* 2025-06-02T10:06:41Z",
    "nextSteps": ["Validate the green environment at https://green.example.com", "When it works, choose *Switch task sets* to shift production traffic, then *Terminate old task set*", "When it does not, choose *Rollback*"],
    "keywords": ["CodeDeploy", "blue/green"]
  },
  "metadata": {
    "threadId": "codedeploy-d-7QX2K9LMN",
    "summary": "Deployment d-7QX2K9LMN is ready for validation",
    "additionalContext": {
      "ActionGroup": "blue-green-deployment",
      "DeploymentId": "d-7QX2K9LMN",
      "Region": "us-east-1"
    },
    "enableCustomActions": true
  }
}'
aws sns publish --region "$REGION" --topic-arn "$TOPIC_ARN" --message "$MESSAGE"

# The message of rule codedeploy-bluegreen-done
MESSAGE='{
  "version": "1.0",
  "source": "custom",
  "content": {
    "textType": "client-markdown",
    "title": ":checkered_flag: Deployment d-7QX2K9LMN: SUCCESS",
    "description": "*Deployment group:* my-service-dg-bluegreen\n*Deployment ID:* d-7QX2K9LMN\n*State:* `SUCCESS`\n*Time:* 2025-06-02T10:21:17Z",
    "nextSteps": ["On FAILURE, open the deployment in the CodeDeploy console to see which lifecycle event failed"],
    "keywords": ["CodeDeploy", "SUCCESS"]
  },
  "metadata": {
    "threadId": "codedeploy-d-7QX2K9LMN",
    "summary": "Deployment d-7QX2K9LMN ended: SUCCESS",
    "additionalContext": {
      "DeploymentId": "d-7QX2K9LMN",
      "Region": "us-east-1"
    }
  }
}'
aws sns publish --region "$REGION" --topic-arn "$TOPIC_ARN" --message "$MESSAGE"
