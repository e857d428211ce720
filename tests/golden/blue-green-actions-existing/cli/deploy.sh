#!/usr/bin/env bash
# Text in single quotes keeps $Variables literally (Amazon Q substitutes them, not the shell).
# shellcheck disable=SC2016
# ChatOps Designer export: Blue/green deployment ready for validation
# Creates or updates, in order: the SNS topic and its policy, the EventBridge rule and its input
# transformer, the channel role and guardrail, the custom actions, the Slack channel configuration,
# and the associations of the actions with it (only the parts this export contains).
# Safe to re-run: what exists is found and updated. Every setting can be overridden from the
# environment, e.g. REGION=eu-west-1 ./deploy.sh
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
# Region for the Amazon Q Developer (Chatbot) API: us-east-2, us-west-2, eu-west-1 or ap-southeast-1
CHATBOT_REGION=${CHATBOT_REGION-'us-east-2'}
# ARN of the existing channel configuration the buttons are associated with
: "${CHANNEL_CONFIGURATION_ARN:?set CHANNEL_CONFIGURATION_ARN before running (see the comment above)}"

matches REGION "$REGION" '^[a-z0-9-]{9,30}$'
matches CHATBOT_REGION "$CHATBOT_REGION" '^[a-z0-9-]{9,30}$'
matches CHANNEL_CONFIGURATION_ARN "$CHANNEL_CONFIGURATION_ARN" '^arn:[A-Za-z0-9:/_.+=@-]{1,1160}$'
case $CHATBOT_REGION in
  us-east-2 | us-west-2 | eu-west-1 | ap-southeast-1) ;;
  *) fail "CHATBOT_REGION must be a Region with the Chatbot API: us-east-2, us-west-2, eu-west-1 or ap-southeast-1" ;;
esac

# --- Account
IDENTITY=$(aws sts get-caller-identity --query '[Account, Arn]' --output text)
ACCOUNT_ID=${IDENTITY%%[[:space:]]*}
CALLER_ARN=${IDENTITY##*[[:space:]]}
PARTITION=$(cut -d: -f2 <<<"$CALLER_ARN")
echo "Account $ACCOUNT_ID ($PARTITION), Region $REGION"

# --- Custom actions (one per button): updated when they exist, else created
ACTION_ARNS=()

# Button 🔁 Switch task sets
ARN="arn:$PARTITION:chatbot::$ACCOUNT_ID:custom-action/"'SwitchTasks'
if aws chatbot get-custom-action --region "$CHATBOT_REGION" --custom-action-arn "$ARN" >/dev/null 2>&1; then
  aws chatbot update-custom-action --region "$CHATBOT_REGION" --output text --query CustomActionArn --cli-input-json '{
  "CustomActionArn": "'"$ARN"'",
  "Definition": {
    "CommandText": "codedeploy continue-deployment --deployment-id $DeploymentId --region $Region --deployment-wait-type READY_WAIT"
  },
  "Attachments": [
    {
      "NotificationType": "Custom",
      "ButtonText": "🔁 Switch task sets",
      "Criteria": [
        {
          "Operator": "EQUALS",
          "VariableName": "ActionGroup",
          "Value": "blue-green-deployment"
        }
      ],
      "Variables": {
        "ActionGroup": "event.metadata.additionalContext.ActionGroup",
        "DeploymentId": "event.metadata.additionalContext.DeploymentId",
        "Region": "event.metadata.additionalContext.Region"
      }
    }
  ]
}' >/dev/null
else
  ARN=$(aws chatbot create-custom-action --region "$CHATBOT_REGION" --query CustomActionArn --output text --cli-input-json '{
  "ActionName": "SwitchTasks",
  "Definition": {
    "CommandText": "codedeploy continue-deployment --deployment-id $DeploymentId --region $Region --deployment-wait-type READY_WAIT"
  },
  "Attachments": [
    {
      "NotificationType": "Custom",
      "ButtonText": "🔁 Switch task sets",
      "Criteria": [
        {
          "Operator": "EQUALS",
          "VariableName": "ActionGroup",
          "Value": "blue-green-deployment"
        }
      ],
      "Variables": {
        "ActionGroup": "event.metadata.additionalContext.ActionGroup",
        "DeploymentId": "event.metadata.additionalContext.DeploymentId",
        "Region": "event.metadata.additionalContext.Region"
      }
    }
  ]
}')
fi
ACTION_ARNS+=("$ARN")
echo "Custom action SwitchTasks: $ARN"

# Button 🔙 Rollback
ARN="arn:$PARTITION:chatbot::$ACCOUNT_ID:custom-action/"'RollbackDeployment'
if aws chatbot get-custom-action --region "$CHATBOT_REGION" --custom-action-arn "$ARN" >/dev/null 2>&1; then
  aws chatbot update-custom-action --region "$CHATBOT_REGION" --output text --query CustomActionArn --cli-input-json '{
  "CustomActionArn": "'"$ARN"'",
  "Definition": {
    "CommandText": "codedeploy stop-deployment --deployment-id $DeploymentId --region $Region --auto-rollback-enabled"
  },
  "Attachments": [
    {
      "NotificationType": "Custom",
      "ButtonText": "🔙 Rollback",
      "Criteria": [
        {
          "Operator": "EQUALS",
          "VariableName": "ActionGroup",
          "Value": "blue-green-deployment"
        }
      ],
      "Variables": {
        "ActionGroup": "event.metadata.additionalContext.ActionGroup",
        "DeploymentId": "event.metadata.additionalContext.DeploymentId",
        "Region": "event.metadata.additionalContext.Region"
      }
    }
  ]
}' >/dev/null
else
  ARN=$(aws chatbot create-custom-action --region "$CHATBOT_REGION" --query CustomActionArn --output text --cli-input-json '{
  "ActionName": "RollbackDeployment",
  "Definition": {
    "CommandText": "codedeploy stop-deployment --deployment-id $DeploymentId --region $Region --auto-rollback-enabled"
  },
  "Attachments": [
    {
      "NotificationType": "Custom",
      "ButtonText": "🔙 Rollback",
      "Criteria": [
        {
          "Operator": "EQUALS",
          "VariableName": "ActionGroup",
          "Value": "blue-green-deployment"
        }
      ],
      "Variables": {
        "ActionGroup": "event.metadata.additionalContext.ActionGroup",
        "DeploymentId": "event.metadata.additionalContext.DeploymentId",
        "Region": "event.metadata.additionalContext.Region"
      }
    }
  ]
}')
fi
ACTION_ARNS+=("$ARN")
echo "Custom action RollbackDeployment: $ARN"

# Button 🧹 Terminate old task set
ARN="arn:$PARTITION:chatbot::$ACCOUNT_ID:custom-action/"'TerminateOldTask'
if aws chatbot get-custom-action --region "$CHATBOT_REGION" --custom-action-arn "$ARN" >/dev/null 2>&1; then
  aws chatbot update-custom-action --region "$CHATBOT_REGION" --output text --query CustomActionArn --cli-input-json '{
  "CustomActionArn": "'"$ARN"'",
  "Definition": {
    "CommandText": "codedeploy continue-deployment --deployment-id $DeploymentId --region $Region --deployment-wait-type TERMINATION_WAIT"
  },
  "Attachments": [
    {
      "NotificationType": "Custom",
      "ButtonText": "🧹 Terminate old task set",
      "Criteria": [
        {
          "Operator": "EQUALS",
          "VariableName": "ActionGroup",
          "Value": "blue-green-deployment"
        }
      ],
      "Variables": {
        "ActionGroup": "event.metadata.additionalContext.ActionGroup",
        "DeploymentId": "event.metadata.additionalContext.DeploymentId",
        "Region": "event.metadata.additionalContext.Region"
      }
    }
  ]
}' >/dev/null
else
  ARN=$(aws chatbot create-custom-action --region "$CHATBOT_REGION" --query CustomActionArn --output text --cli-input-json '{
  "ActionName": "TerminateOldTask",
  "Definition": {
    "CommandText": "codedeploy continue-deployment --deployment-id $DeploymentId --region $Region --deployment-wait-type TERMINATION_WAIT"
  },
  "Attachments": [
    {
      "NotificationType": "Custom",
      "ButtonText": "🧹 Terminate old task set",
      "Criteria": [
        {
          "Operator": "EQUALS",
          "VariableName": "ActionGroup",
          "Value": "blue-green-deployment"
        }
      ],
      "Variables": {
        "ActionGroup": "event.metadata.additionalContext.ActionGroup",
        "DeploymentId": "event.metadata.additionalContext.DeploymentId",
        "Region": "event.metadata.additionalContext.Region"
      }
    }
  ]
}')
fi
ACTION_ARNS+=("$ARN")
echo "Custom action TerminateOldTask: $ARN"
CONFIG_ARN=$CHANNEL_CONFIGURATION_ARN

# --- Buttons: associate each custom action with the channel configuration once
ASSOCIATED=$(aws chatbot list-associations --region "$CHATBOT_REGION" --chat-configuration "$CONFIG_ARN" \
  --query 'Associations[].Resource' --output text)
for ARN in "${ACTION_ARNS[@]}"; do
  if grep -qxF "$ARN" <<<"${ASSOCIATED//$'\t'/$'\n'}"; then
    echo "Already associated: $ARN"
  else
    aws chatbot associate-to-configuration --region "$CHATBOT_REGION" --resource "$ARN" --chat-configuration "$CONFIG_ARN"
    echo "Associated: $ARN"
  fi
done

echo "Done."
