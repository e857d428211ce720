import * as cdk from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";

/** The ChatOps stack designed in ChatOps Designer: its CloudFormation export, as L1 constructs. */
export class ChatOpsStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, { description: "ChatOps Designer: Blue/green deployment ready for validation", ...props });
    this.templateOptions.templateFormatVersion = "2010-09-09";

    // Deployment settings, checked as in the other exports: cdk deploy --parameters NAME=VALUE
    const snsTopicArn = new cdk.CfnParameter(this, "SnsTopicArn", {
      type: "String",
      description: "ARN of the existing SNS topic",
      allowedPattern: "^arn:[A-Za-z0-9:/_.+=@-]{1,1160}$",
      constraintDescription: "must match ^arn:[A-Za-z0-9:/_.+=@-]{1,1160}$",
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

    // L1: logs.LogGroup adds a Retain deletion policy.
    const eventsLogGroup = new logs.CfnLogGroup(this, "EventsLogGroup", {
      logGroupName: "/aws/events/codedeploy-bluegreen-ready",
      retentionInDays: 365,
    });
    eventsLogGroup.cfnOptions.metadata = {
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
    new logs.CfnResourcePolicy(this, "EventsLogPolicy", {
      policyName: "codedeploy-bluegreen-ready-events",
      policyDocument: cdk.Fn.sub("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"EventBridgeWritesMatchedEvents\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"events.amazonaws.com\",\"delivery.logs.amazonaws.com\"]},\"Action\":[\"logs:CreateLogStream\",\"logs:PutLogEvents\"],\"Resource\":\"arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${EventsLogGroup}:*\"}]}"),
    });

    // L1: the input template must reach the rule byte for byte; events.Rule's RuleTargetInput rewrites it and renames the targets.
    const deploymentRule = new events.CfnRule(this, "DeploymentRule", {
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
          arn: snsTopicArn.valueAsString,
          inputTransformer: {
            inputPathsMap: {
              "account": "$.account",
              "deploymentGroup": "$.detail.deploymentGroup",
              "deploymentId": "$.detail.deploymentId",
              "region": "$.region",
              "time": "$.time",
            },
            inputTemplate: cdk.Fn.sub("{\n  \"version\": \"1.0\",\n  \"source\": \"custom\",\n  \"content\": {\n    \"textType\": \"client-markdown\",\n    \"title\": \":large_blue_circle::large_green_circle: Deployment is now ready for validation\",\n    \"description\": \"*Account:* <account>\\n*Region:* <region>\\n*Deployment group:* <deploymentGroup>\\n*Deployment ID:* <deploymentId>\\n*Time:* <time>\",\n    \"nextSteps\": [\"Validate the green environment at ${ParamGreenUrl}\", \"When it works, choose *Switch task sets* to shift production traffic, then *Terminate old task set*\", \"When it does not, choose *Rollback*\"],\n    \"keywords\": [\"CodeDeploy\", \"blue/green\"]\n  },\n  \"metadata\": {\n    \"additionalContext\": {\n      \"ActionGroup\": \"blue-green-deployment\",\n      \"DeploymentId\": \"<deploymentId>\",\n      \"Region\": \"<region>\"\n    },\n    \"enableCustomActions\": true\n  }\n}"),
          },
        },
        {
          id: "chatops-log",
          arn: cdk.Fn.sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${EventsLogGroup}"),
        },
      ],
    });

    new cdk.CfnOutput(this, "EventsLogGroupName", {
      description: "The log group of matched events (replay them with chatops replay)",
      value: eventsLogGroup.ref,
    });
    new cdk.CfnOutput(this, "EventRuleArn", {
      description: "The EventBridge rule",
      value: deploymentRule.attrArn,
    });
  }
}
