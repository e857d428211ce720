import * as cdk from "aws-cdk-lib";
import * as chatbot from "aws-cdk-lib/aws-chatbot";
import * as events from "aws-cdk-lib/aws-events";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import * as logs from "aws-cdk-lib/aws-logs";
import * as sns from "aws-cdk-lib/aws-sns";
import { Construct } from "constructs";

/** The ChatOps stack designed in ChatOps Designer: its CloudFormation export, as L1 constructs. */
export class ChatOpsStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, { description: "ChatOps Designer: Blue/green lifecycle: one thread per deployment", ...props });
    this.templateOptions.templateFormatVersion = "2010-09-09";

    // Deployment settings, checked as in the other exports: cdk deploy --parameters NAME=VALUE
    const snsTopicName = new cdk.CfnParameter(this, "SnsTopicName", {
      type: "String",
      description: "Name of the SNS topic the rule publishes to and the channel subscribes to",
      default: "chatops-codedeploy",
      allowedPattern: "^[A-Za-z0-9_-]{1,256}$",
      constraintDescription: "must match ^[A-Za-z0-9_-]{1,256}$",
    });
    const teamsTeamId = new cdk.CfnParameter(this, "TeamsTeamId", {
      type: "String",
      description: "Microsoft Teams team id (a GUID), already authorized in the Amazon Q Developer console",
      default: "8f5a2c1e-1234-4c3b-9a6d-0123456789ab",
      allowedPattern: "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$",
      constraintDescription: "must match ^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$",
    });
    const teamsChannelId = new cdk.CfnParameter(this, "TeamsChannelId", {
      type: "String",
      description: "Microsoft Teams channel id, URL-encoded as Teams copies it (19%3a...%40thread.tacv2)",
      default: "19%3ab6ef35dc342d56ba5654e6fc6d25a071%40thread.tacv2",
      allowedPattern: "^[A-Za-z0-9_=+/.,-]*%3[aA][A-Za-z0-9_=+/.,-]*%40[A-Za-z0-9_=+/.,-]*$",
      constraintDescription: "must match ^[A-Za-z0-9_=+/.,-]*%3[aA][A-Za-z0-9_=+/.,-]*%40[A-Za-z0-9_=+/.,-]*$",
    });
    const teamsTenantId = new cdk.CfnParameter(this, "TeamsTenantId", {
      type: "String",
      description: "Microsoft Teams tenant id (a GUID), shown in the Amazon Q Developer console",
      default: "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
      allowedPattern: "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$",
      constraintDescription: "must match ^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$",
    });
    const channelConfigurationName = new cdk.CfnParameter(this, "ChannelConfigurationName", {
      type: "String",
      description: "Name of the Microsoft Teams channel configuration",
      default: "chatops-deployments",
      allowedPattern: "^[A-Za-z0-9_-]{1,128}$",
      constraintDescription: "must match ^[A-Za-z0-9_-]{1,128}$",
    });
    const codedeployDeploymentGroup = new cdk.CfnParameter(this, "CodedeployDeploymentGroup", {
      type: "String",
      description: "CodeDeploy deployment group whose deployments the rule matches",
      default: "my-service-dg-bluegreen",
      allowedPattern: "^[A-Za-z0-9_.+=,@-]{1,100}$",
      constraintDescription: "must match ^[A-Za-z0-9_.+=,@-]{1,100}$",
    });
    const paramGreenUrl = new cdk.CfnParameter(this, "ParamGreenUrl", {
      type: "String",
      description: "Notification parameter greenUrl (spliced into the input template)",
      default: "https://green.example.com",
      allowedPattern: "^[^\"\\\\<>\\x00-\\x1f\\x7f]*$",
      constraintDescription: "must not contain quotes, backslashes, angle brackets or control characters",
    });

    // L1: kms.Key adds a Retain deletion policy and a key policy of its own.
    const chatOpsTopicKey = new kms.CfnKey(this, "ChatOpsTopicKey", {
      description: "Encrypts the ChatOps SNS topic; EventBridge may use it to publish",
      enableKeyRotation: true,
      keyPolicy: {
        "Version": "2012-10-17",
        "Statement": [
          {
            "Sid": "AccountAdministersTheKey",
            "Effect": "Allow",
            "Principal": {
              "AWS": cdk.Fn.sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root"),
            },
            "Action": "kms:*",
            "Resource": "*",
          },
          {
            "Sid": "EventBridgePublishesToTheTopic",
            "Effect": "Allow",
            "Principal": {
              "Service": "events.amazonaws.com",
            },
            "Action": [
              "kms:Decrypt",
              "kms:GenerateDataKey",
            ],
            "Resource": "*",
            "Condition": {
              "StringEquals": {
                "aws:SourceAccount": cdk.Aws.ACCOUNT_ID,
              },
            },
          },
        ],
      },
    });

    // L1: sns.Topic would put its policy in an AWS::SNS::TopicPolicy, not the inline policy below.
    const chatOpsTopic = new sns.CfnTopic(this, "ChatOpsTopic", {
      topicName: snsTopicName.valueAsString,
      kmsMasterKeyId: chatOpsTopicKey.attrArn,
    });

    // L1: no L2 construct writes a topic's inline policy.
    new sns.CfnTopicInlinePolicy(this, "ChatOpsTopicPolicy", {
      topicArn: chatOpsTopic.ref,
      policyDocument: {
        "Version": "2012-10-17",
        "Statement": [
          {
            "Sid": "AllowEventBridgePublish",
            "Effect": "Allow",
            "Principal": {
              "Service": "events.amazonaws.com",
            },
            "Action": "sns:Publish",
            "Resource": chatOpsTopic.ref,
            "Condition": {
              "StringEquals": {
                "aws:SourceAccount": cdk.Aws.ACCOUNT_ID,
                "aws:SourceArn": [
                  cdk.Fn.sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/codedeploy-bluegreen-start"),
                  cdk.Fn.sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/codedeploy-bluegreen-ready"),
                  cdk.Fn.sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/codedeploy-bluegreen-done"),
                ],
              },
            },
          },
        ],
      },
    });

    // L1: logs.LogGroup adds a Retain deletion policy.
    const codedeployBluegreenStartLogGroup = new logs.CfnLogGroup(this, "CodedeployBluegreenStartLogGroup", {
      logGroupName: "/aws/events/codedeploy-bluegreen-start",
      retentionInDays: 365,
    });
    codedeployBluegreenStartLogGroup.cfnOptions.metadata = {
      "checkov": {
        "skip": [
          {
            "id": "CKV_AWS_158",
            "comment": "CloudWatch Logs encrypts every log group at rest; these are the events the rule matches, and a customer managed key would need a key policy for logs.amazonaws.com as well",
          },
        ],
      },
    };

    // L1: the policy document is one text naming the log group, as in the CloudFormation export.
    new logs.CfnResourcePolicy(this, "CodedeployBluegreenStartLogPolicy", {
      policyName: "codedeploy-bluegreen-start-events",
      policyDocument: cdk.Fn.sub("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"EventBridgeWritesMatchedEvents\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"events.amazonaws.com\",\"delivery.logs.amazonaws.com\"]},\"Action\":[\"logs:CreateLogStream\",\"logs:PutLogEvents\"],\"Resource\":\"arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${CodedeployBluegreenStartLogGroup}:*\"}]}"),
    });

    const codedeployBluegreenReadyLogGroup = new logs.CfnLogGroup(this, "CodedeployBluegreenReadyLogGroup", {
      logGroupName: "/aws/events/codedeploy-bluegreen-ready",
      retentionInDays: 365,
    });
    codedeployBluegreenReadyLogGroup.cfnOptions.metadata = {
      "checkov": {
        "skip": [
          {
            "id": "CKV_AWS_158",
            "comment": "CloudWatch Logs encrypts every log group at rest; these are the events the rule matches, and a customer managed key would need a key policy for logs.amazonaws.com as well",
          },
        ],
      },
    };

    new logs.CfnResourcePolicy(this, "CodedeployBluegreenReadyLogPolicy", {
      policyName: "codedeploy-bluegreen-ready-events",
      policyDocument: cdk.Fn.sub("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"EventBridgeWritesMatchedEvents\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"events.amazonaws.com\",\"delivery.logs.amazonaws.com\"]},\"Action\":[\"logs:CreateLogStream\",\"logs:PutLogEvents\"],\"Resource\":\"arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${CodedeployBluegreenReadyLogGroup}:*\"}]}"),
    });

    const codedeployBluegreenDoneLogGroup = new logs.CfnLogGroup(this, "CodedeployBluegreenDoneLogGroup", {
      logGroupName: "/aws/events/codedeploy-bluegreen-done",
      retentionInDays: 365,
    });
    codedeployBluegreenDoneLogGroup.cfnOptions.metadata = {
      "checkov": {
        "skip": [
          {
            "id": "CKV_AWS_158",
            "comment": "CloudWatch Logs encrypts every log group at rest; these are the events the rule matches, and a customer managed key would need a key policy for logs.amazonaws.com as well",
          },
        ],
      },
    };

    new logs.CfnResourcePolicy(this, "CodedeployBluegreenDoneLogPolicy", {
      policyName: "codedeploy-bluegreen-done-events",
      policyDocument: cdk.Fn.sub("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"EventBridgeWritesMatchedEvents\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"events.amazonaws.com\",\"delivery.logs.amazonaws.com\"]},\"Action\":[\"logs:CreateLogStream\",\"logs:PutLogEvents\"],\"Resource\":\"arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${CodedeployBluegreenDoneLogGroup}:*\"}]}"),
    });

    // L1: the input template must reach the rule byte for byte; events.Rule's RuleTargetInput rewrites it and renames the targets.
    const codedeployBluegreenStartRule = new events.CfnRule(this, "CodedeployBluegreenStartRule", {
      name: "codedeploy-bluegreen-start",
      description: "A blue/green deployment started",
      state: "ENABLED",
      eventPattern: {
        "source": [
          "aws.codedeploy",
        ],
        "detail-type": [
          "CodeDeploy Deployment State-change Notification",
        ],
        "detail": {
          "state": [
            "START",
          ],
          "deploymentGroup": [
            codedeployDeploymentGroup.valueAsString,
          ],
        },
      },
      targets: [
        {
          id: "chatops-sns",
          arn: chatOpsTopic.ref,
          inputTransformer: {
            inputPathsMap: {
              "account": "$.account",
              "deploymentGroup": "$.detail.deploymentGroup",
              "deploymentId": "$.detail.deploymentId",
              "region": "$.region",
              "state": "$.detail.state",
              "time": "$.time",
            },
            inputTemplate: "{\n  \"version\": \"1.0\",\n  \"source\": \"custom\",\n  \"content\": {\n    \"textType\": \"client-markdown\",\n    \"title\": \":arrow_forward: Deployment <deploymentId> started\",\n    \"description\": \"*Deployment group:* <deploymentGroup>\\n*Deployment ID:* <deploymentId>\\n*Time:* <time>\",\n    \"nextSteps\": [\"Follow this thread: the green environment is announced here when it is ready for validation\"],\n    \"keywords\": [\"CodeDeploy\", \"<state>\"]\n  },\n  \"metadata\": {\n    \"threadId\": \"codedeploy-<deploymentId>\",\n    \"summary\": \"Deployment <deploymentId> started\",\n    \"additionalContext\": {\n      \"DeploymentId\": \"<deploymentId>\",\n      \"Region\": \"<region>\"\n    }\n  }\n}",
          },
        },
        {
          id: "chatops-log",
          arn: cdk.Fn.sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${CodedeployBluegreenStartLogGroup}"),
        },
      ],
    });

    const codedeployBluegreenReadyRule = new events.CfnRule(this, "CodedeployBluegreenReadyRule", {
      name: "codedeploy-bluegreen-ready",
      description: "A blue/green deployment is ready for validation",
      state: "ENABLED",
      eventPattern: {
        "source": [
          "aws.codedeploy",
        ],
        "detail-type": [
          "CodeDeploy Deployment State-change Notification",
        ],
        "detail": {
          "state": [
            "READY",
          ],
          "deploymentGroup": [
            codedeployDeploymentGroup.valueAsString,
          ],
        },
      },
      targets: [
        {
          id: "chatops-sns",
          arn: chatOpsTopic.ref,
          inputTransformer: {
            inputPathsMap: {
              "account": "$.account",
              "deploymentGroup": "$.detail.deploymentGroup",
              "deploymentId": "$.detail.deploymentId",
              "region": "$.region",
              "time": "$.time",
            },
            inputTemplate: cdk.Fn.sub("{\n  \"version\": \"1.0\",\n  \"source\": \"custom\",\n  \"content\": {\n    \"textType\": \"client-markdown\",\n    \"title\": \":large_blue_circle::large_green_circle: Deployment is now ready for validation\",\n    \"description\": \"*Account:* <account>\\n*Region:* <region>\\n*Deployment group:* <deploymentGroup>\\n*Deployment ID:* <deploymentId>\\n*Time:* <time>\",\n    \"nextSteps\": [\"Validate the green environment at ${ParamGreenUrl}\", \"When it works, choose *Switch task sets* to shift production traffic, then *Terminate old task set*\", \"When it does not, choose *Rollback*\"],\n    \"keywords\": [\"CodeDeploy\", \"blue/green\"]\n  },\n  \"metadata\": {\n    \"threadId\": \"codedeploy-<deploymentId>\",\n    \"summary\": \"Deployment <deploymentId> is ready for validation\",\n    \"additionalContext\": {\n      \"ActionGroup\": \"blue-green-deployment\",\n      \"DeploymentId\": \"<deploymentId>\",\n      \"Region\": \"<region>\"\n    },\n    \"enableCustomActions\": true\n  }\n}"),
          },
        },
        {
          id: "chatops-log",
          arn: cdk.Fn.sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${CodedeployBluegreenReadyLogGroup}"),
        },
      ],
    });

    const codedeployBluegreenDoneRule = new events.CfnRule(this, "CodedeployBluegreenDoneRule", {
      name: "codedeploy-bluegreen-done",
      description: "A blue/green deployment succeeded or failed",
      state: "ENABLED",
      eventPattern: {
        "source": [
          "aws.codedeploy",
        ],
        "detail-type": [
          "CodeDeploy Deployment State-change Notification",
        ],
        "detail": {
          "state": [
            "SUCCESS",
            "FAILURE",
          ],
          "deploymentGroup": [
            codedeployDeploymentGroup.valueAsString,
          ],
        },
      },
      targets: [
        {
          id: "chatops-sns",
          arn: chatOpsTopic.ref,
          inputTransformer: {
            inputPathsMap: {
              "account": "$.account",
              "deploymentGroup": "$.detail.deploymentGroup",
              "deploymentId": "$.detail.deploymentId",
              "region": "$.region",
              "state": "$.detail.state",
              "time": "$.time",
            },
            inputTemplate: "{\n  \"version\": \"1.0\",\n  \"source\": \"custom\",\n  \"content\": {\n    \"textType\": \"client-markdown\",\n    \"title\": \":checkered_flag: Deployment <deploymentId>: <state>\",\n    \"description\": \"*Deployment group:* <deploymentGroup>\\n*Deployment ID:* <deploymentId>\\n*State:* `<state>`\\n*Time:* <time>\",\n    \"nextSteps\": [\"On FAILURE, open the deployment in the CodeDeploy console to see which lifecycle event failed\"],\n    \"keywords\": [\"CodeDeploy\", \"<state>\"]\n  },\n  \"metadata\": {\n    \"threadId\": \"codedeploy-<deploymentId>\",\n    \"summary\": \"Deployment <deploymentId> ended: <state>\",\n    \"additionalContext\": {\n      \"DeploymentId\": \"<deploymentId>\",\n      \"Region\": \"<region>\"\n    }\n  }\n}",
          },
        },
        {
          id: "chatops-log",
          arn: cdk.Fn.sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${CodedeployBluegreenDoneLogGroup}"),
        },
      ],
    });

    // L1: iam.Role would move the inline policy into a separate AWS::IAM::Policy.
    const channelRole = new iam.CfnRole(this, "ChannelRole", {
      assumeRolePolicyDocument: {
        "Version": "2012-10-17",
        "Statement": [
          {
            "Effect": "Allow",
            "Principal": {
              "Service": "chatbot.amazonaws.com",
            },
            "Action": "sts:AssumeRole",
          },
        ],
      },
      policies: [
        {
          policyName: "chatops-button-commands",
          policyDocument: {
            "Version": "2012-10-17",
            "Statement": [
              {
                "Sid": "ButtonCommands",
                "Effect": "Allow",
                "Action": [
                  "codedeploy:ContinueDeployment",
                  "codedeploy:StopDeployment",
                ],
                "Resource": "*",
              },
            ],
          },
        },
      ],
    });

    // L1: the policy document as the design lowers it, statement for statement.
    const channelGuardrail = new iam.CfnManagedPolicy(this, "ChannelGuardrail", {
      description: "Guardrail: what any command run from the channel may do",
      policyDocument: {
        "Version": "2012-10-17",
        "Statement": [
          {
            "Sid": "ButtonCommands",
            "Effect": "Allow",
            "Action": [
              "codedeploy:ContinueDeployment",
              "codedeploy:StopDeployment",
            ],
            "Resource": "*",
          },
        ],
      },
    });

    // L1: custom actions have no L2 construct.
    const switchTasksAction = new chatbot.CfnCustomAction(this, "SwitchTasksAction", {
      actionName: "SwitchTasks",
      definition: {
        commandText: "codedeploy continue-deployment --deployment-id $DeploymentId --region $Region --deployment-wait-type READY_WAIT",
      },
      attachments: [
        {
          notificationType: "Custom",
          buttonText: "🔁 Switch task sets",
          criteria: [
            {
              operator: "EQUALS",
              variableName: "ActionGroup",
              value: "blue-green-deployment",
            },
          ],
          variables: {
            "ActionGroup": "event.metadata.additionalContext.ActionGroup",
            "DeploymentId": "event.metadata.additionalContext.DeploymentId",
            "Region": "event.metadata.additionalContext.Region",
          },
        },
      ],
    });

    const rollbackDeploymentAction = new chatbot.CfnCustomAction(this, "RollbackDeploymentAction", {
      actionName: "RollbackDeployment",
      definition: {
        commandText: "codedeploy stop-deployment --deployment-id $DeploymentId --region $Region --auto-rollback-enabled",
      },
      attachments: [
        {
          notificationType: "Custom",
          buttonText: "🔙 Rollback",
          criteria: [
            {
              operator: "EQUALS",
              variableName: "ActionGroup",
              value: "blue-green-deployment",
            },
          ],
          variables: {
            "ActionGroup": "event.metadata.additionalContext.ActionGroup",
            "DeploymentId": "event.metadata.additionalContext.DeploymentId",
            "Region": "event.metadata.additionalContext.Region",
          },
        },
      ],
    });

    const terminateOldTaskAction = new chatbot.CfnCustomAction(this, "TerminateOldTaskAction", {
      actionName: "TerminateOldTask",
      definition: {
        commandText: "codedeploy continue-deployment --deployment-id $DeploymentId --region $Region --deployment-wait-type TERMINATION_WAIT",
      },
      attachments: [
        {
          notificationType: "Custom",
          buttonText: "🧹 Terminate old task set",
          criteria: [
            {
              operator: "EQUALS",
              variableName: "ActionGroup",
              value: "blue-green-deployment",
            },
          ],
          variables: {
            "ActionGroup": "event.metadata.additionalContext.ActionGroup",
            "DeploymentId": "event.metadata.additionalContext.DeploymentId",
            "Region": "event.metadata.additionalContext.Region",
          },
        },
      ],
    });

    // L1: Microsoft Teams channel configurations have no L2 construct.
    const teamsChannel = new chatbot.CfnMicrosoftTeamsChannelConfiguration(this, "TeamsChannel", {
      configurationName: channelConfigurationName.valueAsString,
      iamRoleArn: channelRole.attrArn,
      teamId: teamsTeamId.valueAsString,
      teamsChannelId: teamsChannelId.valueAsString,
      teamsTenantId: teamsTenantId.valueAsString,
      snsTopicArns: [
        chatOpsTopic.ref,
      ],
      loggingLevel: "ERROR",
      guardrailPolicies: [
        channelGuardrail.ref,
      ],
      customizationResourceArns: [
        switchTasksAction.attrCustomActionArn,
        rollbackDeploymentAction.attrCustomActionArn,
        terminateOldTaskAction.attrCustomActionArn,
      ],
    });

    new cdk.CfnOutput(this, "SnsTopicArn", {
      description: "The topic the rule publishes to",
      value: chatOpsTopic.ref,
    });
    new cdk.CfnOutput(this, "CodedeployBluegreenStartLogGroupName", {
      description: "The log group of matched events (replay them with chatops replay)",
      value: codedeployBluegreenStartLogGroup.ref,
    });
    new cdk.CfnOutput(this, "CodedeployBluegreenReadyLogGroupName", {
      description: "The log group of matched events (replay them with chatops replay)",
      value: codedeployBluegreenReadyLogGroup.ref,
    });
    new cdk.CfnOutput(this, "CodedeployBluegreenDoneLogGroupName", {
      description: "The log group of matched events (replay them with chatops replay)",
      value: codedeployBluegreenDoneLogGroup.ref,
    });
    new cdk.CfnOutput(this, "CodedeployBluegreenStartRuleArn", {
      description: "The EventBridge rule codedeploy-bluegreen-start",
      value: codedeployBluegreenStartRule.attrArn,
    });
    new cdk.CfnOutput(this, "CodedeployBluegreenReadyRuleArn", {
      description: "The EventBridge rule codedeploy-bluegreen-ready",
      value: codedeployBluegreenReadyRule.attrArn,
    });
    new cdk.CfnOutput(this, "CodedeployBluegreenDoneRuleArn", {
      description: "The EventBridge rule codedeploy-bluegreen-done",
      value: codedeployBluegreenDoneRule.attrArn,
    });
    new cdk.CfnOutput(this, "ChannelRoleArn", {
      description: "The role channel members' commands run with",
      value: channelRole.attrArn,
    });
    new cdk.CfnOutput(this, "SwitchTasksActionArn", {
      description: "Custom action SwitchTasks",
      value: switchTasksAction.attrCustomActionArn,
    });
    new cdk.CfnOutput(this, "RollbackDeploymentActionArn", {
      description: "Custom action RollbackDeployment",
      value: rollbackDeploymentAction.attrCustomActionArn,
    });
    new cdk.CfnOutput(this, "TerminateOldTaskActionArn", {
      description: "Custom action TerminateOldTask",
      value: terminateOldTaskAction.attrCustomActionArn,
    });
    new cdk.CfnOutput(this, "ChannelConfigurationArn", {
      description: "The Microsoft Teams channel configuration",
      value: teamsChannel.attrArn,
    });
  }
}
