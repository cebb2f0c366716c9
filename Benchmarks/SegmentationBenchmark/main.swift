import TuiweiSegmentation
print("segmentation benchmark")
