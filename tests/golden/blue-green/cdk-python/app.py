#!/usr/bin/env python3
import aws_cdk as cdk

from blue_green_deployment_ready_for_validation_stack import ChatOpsStack

app = cdk.App()
ChatOpsStack(app, "blue-green-deployment-ready-for-validation")
app.synth()
