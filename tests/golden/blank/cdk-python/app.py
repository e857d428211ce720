#!/usr/bin/env python3
import aws_cdk as cdk

from blank_design_stack import ChatOpsStack

app = cdk.App()
ChatOpsStack(app, "blank-design")
app.synth()
