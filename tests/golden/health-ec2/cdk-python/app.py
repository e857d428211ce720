#!/usr/bin/env python3
import aws_cdk as cdk

from aws_health_a_service_s_issues_stack import ChatOpsStack

app = cdk.App()
ChatOpsStack(app, "aws-health-a-service-s-issues")
app.synth()
