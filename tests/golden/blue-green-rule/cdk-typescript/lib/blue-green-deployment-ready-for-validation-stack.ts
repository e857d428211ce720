import * as cdk from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
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
      ],
    });

    new cdk.CfnOutput(this, "EventRuleArn", {
      description: "The EventBridge rule",
      value: deploymentRule.attrArn,
    });
  }
}
